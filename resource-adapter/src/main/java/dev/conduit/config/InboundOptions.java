package dev.conduit.config;

import java.util.List;

/** Every property of the activation spec (MDB {@code @ActivationConfigProperty}). */
public final class InboundOptions {

    public static final Option<String> TOPICS = Option.string("topics", null,
            "Topics (Kafka) or subjects (NATS) to consume, comma-separated.").required();

    public static final Option<String> GROUP_ID = Option.string("groupId", null,
            "Consumer group (Kafka group.id / NATS durable consumer name); instances of one group share the "
                    + "work.").required();

    public static final Option<Integer> CONCURRENCY = Option.integer("concurrency", 1, 1, 256,
            "Consumer threads (WorkManager work items) for this endpoint.");

    public static final Option<String> START_POSITION = Option.choice("startPosition", "earliest",
            List.of("earliest", "latest"), "Where a new group starts: earliest (nothing published before the "
                    + "first activation is missed) or latest.");

    public static final Option<String> DELIVERY = Option.choice("delivery", "raw", List.of("raw", "envelope"),
            "raw: every message reaches the listener. envelope: only messages carrying an envelope do; others "
                    + "go to the dead-letter topic without a delivery attempt.");

    public static final Option<Integer> MAX_ATTEMPTS = Option.integer("maxAttempts", 3, 1, 100,
            "Deliveries of one event before it is sent to the dead-letter topic.");

    public static final Option<Integer> RETRY_BACKOFF_MS = Option.integer("retryBackoffMs", 200, 0, 60_000,
            "Pause before the first retry; doubles with every further attempt.");

    public static final Option<String> DEAD_LETTER_TOPIC = Option.string("deadLetterTopic", "",
            "Where events go after maxAttempts failures. Empty: '<topic>.DLT'.");

    public static final Option<Integer> POLL_TIMEOUT_MS = Option.integer("pollTimeoutMs", 500, 10, 60_000,
            "Longest wait of one poll/fetch for new messages.");

    public static final Option<Integer> MAX_POLL_RECORDS = Option.integer("maxPollRecords", 500, 1, 10_000,
            "Most records one poll returns (Kafka max.poll.records / NATS batch size).");

    public static final Option<Integer> ACK_WAIT_MS = Option.integer("ackWaitMs", 30_000, 1_000, 3_600_000,
            "NATS: how long the server waits for an ack before redelivering; keep it above the listener's "
                    + "longest run.");

    public static final Option<Integer> MAX_ACK_PENDING = Option.integer("maxAckPending", 1_000, 1, 1_000_000,
            "NATS: unacknowledged messages the server hands this group before it waits; bounds what is in flight.");

    public static final List<Option<?>> ALL = Options.concat(List.of(CommonOptions.TRANSPORT,
            CommonOptions.SERVERS, CommonOptions.CLIENT_ID, TOPICS, GROUP_ID, CONCURRENCY, START_POSITION, DELIVERY,
            MAX_ATTEMPTS, RETRY_BACKOFF_MS, DEAD_LETTER_TOPIC, POLL_TIMEOUT_MS, MAX_POLL_RECORDS,
            CommonOptions.KAFKA_PROPERTIES, ACK_WAIT_MS, MAX_ACK_PENDING), CommonOptions.NATS_CONNECTION);

    private InboundOptions() {
    }
}
