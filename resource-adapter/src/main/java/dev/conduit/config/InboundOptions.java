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
            "Delivery threads (WorkManager work items, each with its own MDB instance): how many events are in "
                    + "the listener at once, at most one per aggregate.");

    public static final Option<String> ORDERING = Option.choice("ordering", "aggregate",
            List.of("aggregate", "none"), "aggregate: events of one aggregate (envelope aggregate id, else the "
                    + "Kafka key) reach the listener one at a time in the order consumed; different aggregates run "
                    + "in parallel. none: events are spread over the delivery threads.");

    public static final Option<String> GUARANTEE = Option.choice("guarantee", "at-least-once",
            List.of("at-least-once", "at-most-once"), "at-least-once: an event is committed/acked only after the "
                    + "listener returned or it was dead-lettered. at-most-once (raw delivery only): committed when "
                    + "handed to a delivery thread; failures are logged, not retried.");

    public static final Option<Integer> MAX_BUFFERED_EVENTS = Option.integer("maxBufferedEvents", 10_000, 1,
            1_000_000, "Events consumed but not yet completed, per activation; when reached the consumer pauses "
                    + "fetching (memory stays bounded, the broker keeps the rest).");

    public static final Option<Integer> CATCH_UP_THRESHOLD = Option.integer("catchUpThreshold", 1_000, 0,
            Integer.MAX_VALUE, "The activation starts in catch-up mode and reports normal mode once its backlog "
                    + "(consumer lag plus buffered events) falls to this many events or fewer.");

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
            "Longest wait of one poll (Kafka) or pull request (NATS) for new messages.");

    public static final Option<Integer> MAX_POLL_RECORDS = Option.integer("maxPollRecords", 500, 1, 10_000,
            "Most records one poll returns (Kafka max.poll.records / NATS batch size).");

    public static final Option<Integer> ACK_WAIT_MS = Option.integer("ackWaitMs", 30_000, 1_000, 3_600_000,
            "NATS: how long the server waits for an ack before redelivering. Events the adapter holds longer (slow "
                    + "listener, queued behind their aggregate, retrying) are kept alive; after a lost connection, "
                    + "new events wait up to this long for the redelivery of what was lost.");

    public static final Option<Integer> MAX_ACK_PENDING = Option.integer("maxAckPending", 10_000, 1, 1_000_000,
            "NATS: unacknowledged messages the server hands this group before it waits; bounds what is in flight.");

    public static final Option<Integer> MAX_BATCH_SIZE = Option.integer("maxBatchSize", 100, 1, 10_000,
            "BatchEventListener MDBs: most events in one onEvents call (one container invocation and transaction).");

    public static final Option<Integer> MAX_BATCH_WAIT_MS = Option.integer("maxBatchWaitMs", 0, 0, 60_000,
            "BatchEventListener MDBs: how long a delivery thread waits for more events to fill a batch; 0 takes "
                    + "what is ready (under load batches fill by themselves).");

    public static final List<Option<?>> ALL = Options.concat(List.of(CommonOptions.TRANSPORT,
            CommonOptions.SERVERS, CommonOptions.CLIENT_ID, TOPICS, GROUP_ID, CONCURRENCY, ORDERING, GUARANTEE,
            MAX_BUFFERED_EVENTS, CATCH_UP_THRESHOLD, START_POSITION, DELIVERY,
            MAX_ATTEMPTS, RETRY_BACKOFF_MS, DEAD_LETTER_TOPIC, POLL_TIMEOUT_MS, MAX_POLL_RECORDS,
            MAX_BATCH_SIZE, MAX_BATCH_WAIT_MS,
            CommonOptions.KAFKA_PROPERTIES, ACK_WAIT_MS, MAX_ACK_PENDING), CommonOptions.NATS_CONNECTION,
            CommonOptions.TOPICS);

    private InboundOptions() {
    }
}
