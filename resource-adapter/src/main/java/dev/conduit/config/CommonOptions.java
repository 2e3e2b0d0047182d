package dev.conduit.config;

import java.util.List;

/** Options that connection factories and activation specs share: which transport, where, and as whom. */
public final class CommonOptions {

    public static final Option<String> TRANSPORT = Option.choice("transport", null, List.of("kafka", "nats"),
            "The broker technology: kafka or nats (JetStream).").required();

    public static final Option<String> SERVERS = Option.string("servers", null,
            "Broker addresses, comma-separated: host:port for Kafka (bootstrap servers), "
                    + "nats://host:port for NATS.").required();

    public static final Option<String> CLIENT_ID = Option.string("clientId", "conduit",
            "Client id (Kafka client.id / NATS connection name) shown in broker logs and metrics.");

    public static final Option<KeyValues> KAFKA_PROPERTIES = Option.keyValues("kafkaProperties",
            "Extra kafka-clients settings passed through verbatim, e.g. 'security.protocol=SSL;"
                    + "ssl.truststore.location=/path'. Settings the adapter manages itself cannot be overridden.");

    public static final Option<String> NATS_USERNAME = Option.string("natsUsername", "",
            "NATS user name (with natsPassword).");

    public static final Option<String> NATS_PASSWORD = Option.string("natsPassword", "",
            "NATS password; never logged.").secret();

    public static final Option<String> NATS_TOKEN = Option.string("natsToken", "",
            "NATS authentication token; never logged.").secret();

    public static final Option<Integer> RECONNECT_WAIT_MS = Option.integer("reconnectWaitMs", 500, 10, 600_000,
            "NATS: pause between reconnect attempts after the connection to the server was lost.");

    public static final Option<Integer> MAX_RECONNECTS = Option.integer("maxReconnects", -1, -1, 1_000_000,
            "NATS: reconnect attempts before giving up; -1 retries forever.");

    public static final Option<String> STREAM_STORAGE = Option.choice("streamStorage", "file",
            List.of("file", "memory"), "NATS: storage of streams the adapter creates: file (persistent, survives "
                    + "a server restart) or memory (ephemeral).");

    public static final Option<Integer> STREAM_REPLICAS = Option.integer("streamReplicas", 1, 1, 5,
            "NATS: replicas of streams the adapter creates.");

    public static final Option<Integer> STREAM_MAX_AGE_SECONDS = Option.integer("streamMaxAgeSeconds", 0, 0,
            Integer.MAX_VALUE, "NATS: retention of streams the adapter creates, in seconds; 0 keeps messages "
                    + "until a size limit applies.");

    /** Options every NATS connection (outbound or inbound) reads. */
    public static final List<Option<?>> NATS_CONNECTION = List.of(NATS_USERNAME, NATS_PASSWORD, NATS_TOKEN,
            RECONNECT_WAIT_MS, MAX_RECONNECTS, STREAM_STORAGE, STREAM_REPLICAS, STREAM_MAX_AGE_SECONDS);

    private CommonOptions() {
    }
}
