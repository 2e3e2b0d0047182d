package dev.conduit.config;

import java.util.List;

/** Every property of the outbound connection factory (connector connection pool / JNDI resource). */
public final class OutboundOptions {

    public static final Option<String> ACKS = Option.choice("acks", "all", List.of("all", "1", "0"),
            "Kafka acknowledgement level: all (durable, default), 1 (leader only) or 0 (fire and forget).");

    public static final Option<Integer> LINGER_MS = Option.integer("lingerMs", 5, 0, 60_000,
            "Kafka linger.ms: how long the producer waits to fill a batch.");

    public static final Option<Integer> BATCH_SIZE = Option.integer("batchSize", 65_536, 0, 16 * 1024 * 1024,
            "Kafka batch.size in bytes per partition batch.");

    public static final Option<String> COMPRESSION = Option.choice("compressionType", "none",
            List.of("none", "gzip", "snappy", "lz4", "zstd"), "Kafka compression.type for produced batches.");

    public static final Option<Integer> MAX_IN_FLIGHT = Option.integer("maxInFlight", 10_000, 1, 1_000_000,
            "Publishes not yet acknowledged by the broker, per shared client. When reached, publishers wait up to "
                    + "publishTimeoutMs for room, then get a BackPressureException.");

    public static final Option<Integer> PUBLISH_TIMEOUT_MS = Option.integer("publishTimeoutMs", 30_000, 1,
            600_000, "How long a publish may wait for room (back-pressure) and a synchronous publish for its "
                    + "acknowledgement.");

    public static final Option<Integer> MAX_MESSAGE_BYTES = Option.integer("maxMessageBytes", 1_048_576, 1,
            64 * 1024 * 1024, "Largest payload accepted; larger messages are refused before anything is sent.");

    public static final List<Option<?>> ALL = Options.concat(List.of(CommonOptions.TRANSPORT,
            CommonOptions.SERVERS, CommonOptions.CLIENT_ID, ACKS, LINGER_MS, BATCH_SIZE, COMPRESSION, MAX_IN_FLIGHT,
            PUBLISH_TIMEOUT_MS, MAX_MESSAGE_BYTES, CommonOptions.KAFKA_PROPERTIES), CommonOptions.NATS_CONNECTION,
            CommonOptions.TOPICS);

    private OutboundOptions() {
    }
}
