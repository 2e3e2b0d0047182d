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

    public static final Option<TopicSettings> TOPIC_CONFIG = Option.topicSettings("topicConfig",
            "Per-topic options for topics/streams the adapter creates or updates, e.g. "
                    + "'*:replicas=1;orders:partitions=12,retentionMs=604800000;cache:persistent=false'. '*' sets "
                    + "the defaults. Keys: persistent, partitions, replicas, retentionMs, maxBytes, maxMessages, "
                    + "compression.");

    public static final Option<String> TOPIC_STRATEGY = Option.choice("topicStrategy", "create",
            List.of("create", "create-or-update", "validate", "skip"), "What the adapter does on first use of a "
                    + "topic: create (create it if missing, leave existing ones alone), create-or-update (also bring "
                    + "an existing one to the configured options), validate (fail if it is missing), skip (do "
                    + "nothing; rely on the broker).");

    /** Options every NATS connection (outbound or inbound) reads. */
    public static final List<Option<?>> NATS_CONNECTION = List.of(NATS_USERNAME, NATS_PASSWORD, NATS_TOKEN,
            RECONNECT_WAIT_MS, MAX_RECONNECTS);

    /** Options of topic provisioning (outbound on both transports; inbound NATS streams). */
    public static final List<Option<?>> TOPICS = List.of(TOPIC_CONFIG, TOPIC_STRATEGY);

    private CommonOptions() {
    }
}
