package dev.conduit.config;

import java.util.List;

/**
 * Options of both connection factories and activation specs. {@link #TRANSPORT} applies to every transport; the
 * {@linkplain #BROKER broker options} to the transports that list them (a broker-backed one does, the in-memory one
 * does not).
 */
public final class CommonOptions {

    public static final Option<String> TRANSPORT = Option.string("transport", null,
            "The transport: the id of a registered transport (see the list at the top of this page).").required();

    public static final Option<String> SERVERS = Option.string("servers", null,
            "Broker addresses, comma-separated: host:port for Kafka (bootstrap servers), "
                    + "nats://host:port for NATS.").required();

    public static final Option<String> CLIENT_ID = Option.string("clientId", "conduit",
            "Client id (Kafka client.id / NATS connection name) shown in broker logs and metrics.");

    public static final Option<TopicSettings> TOPIC_CONFIG = Option.topicSettings("topicConfig",
            "Per-topic options for topics/streams the adapter creates or updates, e.g. "
                    + "'*:replicas=1;orders:partitions=12,retentionMs=604800000;cache:persistent=false'. '*' sets "
                    + "the defaults. Keys: persistent, partitions, replicas, retentionMs, maxBytes, maxMessages, "
                    + "compression.");

    public static final Option<TopicStrategy> TOPIC_STRATEGY = Option.choice("topicStrategy", TopicStrategy.class,
            TopicStrategy.CREATE, "What the adapter does on first use of a topic: create (create it if missing, "
                    + "leave existing ones alone), create-or-update (also bring an existing one to the configured "
                    + "options), validate (fail if it is missing), skip (do nothing; rely on the broker).");

    /** Every transport reads these. */
    public static final List<Option<?>> CORE = List.of(TRANSPORT);

    /** What a transport that talks to a broker reads: where it is, who we are, how topics are provisioned. */
    public static final List<Option<?>> BROKER = List.of(SERVERS, CLIENT_ID, TOPIC_CONFIG, TOPIC_STRATEGY);

    private CommonOptions() {
    }
}
