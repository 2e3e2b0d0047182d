package dev.conduit.config;

import java.util.List;

/** Activation-spec options that every transport reads: what to consume and how to deliver it. */
public final class InboundOptions {

    /** How events are spread over the delivery threads. */
    public enum Ordering { AGGREGATE, NONE }

    /** When an event's offset/ack goes to the broker. */
    public enum Guarantee { AT_LEAST_ONCE, AT_MOST_ONCE }

    /** Which messages reach the listener. */
    public enum Delivery { RAW, ENVELOPE }

    /** Where a new group starts reading. */
    public enum StartPosition { EARLIEST, LATEST }

    /** What happens to an event the listener keeps failing on (the named failure strategies). */
    public enum OnFailure { DEAD_LETTER, IGNORE, FAIL }

    public static final Option<List<String>> TOPICS = Option.list("topics",
            "Topics (Kafka) or subjects (NATS) to consume, comma-separated.").required().inbound();

    public static final Option<String> GROUP_ID = Option.string("groupId", null,
            "Consumer group (Kafka group.id / NATS durable consumer name); instances of one group share the "
                    + "work.").required().inbound();

    public static final Option<Integer> CONCURRENCY = Option.integer("concurrency", 1, 1, 256,
            "Delivery threads (WorkManager work items, each with its own MDB instance): how many events are in "
                    + "the listener at once, at most one per aggregate.").inbound();

    public static final Option<Ordering> ORDERING = Option.choice("ordering", Ordering.class, Ordering.AGGREGATE,
            "aggregate: events of one aggregate (envelope aggregate id, else the Kafka key) reach the listener one "
                    + "at a time in the order consumed; different aggregates run in parallel. none: events are "
                    + "spread over the delivery threads.").inbound();

    public static final Option<Guarantee> GUARANTEE = Option.choice("guarantee", Guarantee.class,
            Guarantee.AT_LEAST_ONCE, "at-least-once: an event is committed/acked only after the listener returned "
                    + "or the failure strategy handled it. at-most-once (raw delivery only): committed when handed "
                    + "to a delivery thread; failures are logged, not retried.").inbound();

    public static final Option<OnFailure> FAILURE_STRATEGY = Option.choice("failureStrategy", OnFailure.class,
            OnFailure.DEAD_LETTER, "What happens to an event once maxAttempts deliveries failed (or, with "
                    + "delivery=envelope, a message that is not an envelope): dead-letter (store it in the "
                    + "dead-letter topic, then commit), ignore (log and count it, then commit), fail (stop the "
                    + "activation without committing it and report it unhealthy with the reason; it is delivered "
                    + "again after a redeploy).").inbound();

    public static final Option<Integer> MAX_BUFFERED_EVENTS = Option.integer("maxBufferedEvents", 10_000, 1,
            1_000_000, "Events consumed but not yet completed, per activation; when reached the consumer pauses "
                    + "fetching (memory stays bounded, the broker keeps the rest). At least two polls' worth "
                    + "(2 x maxPollRecords) is always allowed.").inbound();

    public static final Option<Integer> CATCH_UP_THRESHOLD = Option.integer("catchUpThreshold", 1_000, 0,
            Integer.MAX_VALUE, "The activation starts in catch-up mode and reports normal mode once its backlog "
                    + "(consumer lag plus buffered events) falls to this many events or fewer.").inbound();

    public static final Option<StartPosition> START_POSITION = Option.choice("startPosition", StartPosition.class,
            StartPosition.EARLIEST, "Where a new group starts: earliest (nothing published before the first "
                    + "activation is missed) or latest.").inbound();

    public static final Option<Delivery> DELIVERY = Option.choice("delivery", Delivery.class, Delivery.RAW,
            "raw: every message reaches the listener. envelope: only messages carrying an envelope do; others go "
                    + "to the failure strategy without a delivery attempt.").inbound();

    public static final Option<Integer> MAX_ATTEMPTS = Option.integer("maxAttempts", 3, 1, 100,
            "Deliveries of one event before the failure strategy takes over.").inbound();

    public static final Option<Integer> RETRY_BACKOFF_MS = Option.integer("retryBackoffMs", 200, 0, 60_000,
            "Pause before the first retry; doubles with every further attempt.").inbound();

    public static final Option<String> DEAD_LETTER_TOPIC = Option.string("deadLetterTopic", "",
            "Where failureStrategy=dead-letter sends events. Empty: '<topic>.DLT'.").inbound();

    public static final Option<Integer> POLL_TIMEOUT_MS = Option.integer("pollTimeoutMs", 500, 10, 60_000,
            "Longest wait of one poll (Kafka) or pull request (NATS) for new messages.").inbound();

    public static final Option<Integer> MAX_POLL_RECORDS = Option.integer("maxPollRecords", 500, 1, 10_000,
            "Most records one poll returns (Kafka max.poll.records / NATS batch size).").inbound();

    public static final Option<Integer> MAX_BATCH_SIZE = Option.integer("maxBatchSize", 100, 1, 10_000,
            "BatchEventListener MDBs: most events in one onEvents call (one container invocation and "
                    + "transaction).").inbound();

    public static final Option<Integer> MAX_BATCH_WAIT_MS = Option.integer("maxBatchWaitMs", 0, 0, 60_000,
            "BatchEventListener MDBs: how long a delivery thread waits for more events to fill a batch; 0 takes "
                    + "what is ready (under load batches fill by themselves).").inbound();

    public static final Option<Integer> STOP_DRAIN_MS = Option.integer("stopDrainMs", 10_000, 0, 60_000,
            "On undeploy or shutdown, how long the events already fetched may still be delivered after fetching "
                    + "stopped, so the next consumer of the group starts right after them (no redeliveries). What is "
                    + "left after it is handed back, uncommitted. 0 hands everything back at once. A server that "
                    + "refuses deliveries once undeployment began (Payara Micro does) ends the drain at the first "
                    + "refusal; Kafka commits still record what completed beyond the events handed back, so the next "
                    + "consumer skips those.").inbound();

    /** The inbound options every transport reads. */
    public static final List<Option<?>> CORE = List.of(TOPICS, GROUP_ID, CONCURRENCY, ORDERING, GUARANTEE,
            FAILURE_STRATEGY, MAX_BUFFERED_EVENTS, CATCH_UP_THRESHOLD, START_POSITION, DELIVERY, MAX_ATTEMPTS,
            RETRY_BACKOFF_MS, DEAD_LETTER_TOPIC, POLL_TIMEOUT_MS, MAX_POLL_RECORDS, MAX_BATCH_SIZE,
            MAX_BATCH_WAIT_MS, STOP_DRAIN_MS);

    private InboundOptions() {
    }
}
