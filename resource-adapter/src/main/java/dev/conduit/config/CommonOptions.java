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

    public static final Option<Boolean> TLS = Option.bool("tls", false,
            "Encrypt the connection to the brokers (Kafka SSL / SASL_SSL, NATS TLS). Implied by any other tls* "
                    + "option; without tlsTruststore the JVM's default trusted authorities apply.");

    public static final Option<String> TLS_TRUSTSTORE = Option.string("tlsTruststore", "",
            "Certificates to trust for the brokers: a PKCS12 (.p12, .pfx) or JKS (.jks) trust store, or a PEM file "
                    + "(.pem, .crt) with the CA certificates.");

    public static final Option<String> TLS_TRUSTSTORE_PASSWORD = Option.string("tlsTruststorePassword", "",
            "Password of tlsTruststore (not needed for PEM).").secret();

    public static final Option<String> TLS_KEYSTORE = Option.string("tlsKeystore", "",
            "This client's own certificate and key, for brokers that require client certificates (mutual TLS): "
                    + "a PKCS12 (.p12, .pfx) or JKS (.jks) key store.");

    public static final Option<String> TLS_KEYSTORE_PASSWORD = Option.string("tlsKeystorePassword", "",
            "Password of tlsKeystore (and of its key).").secret();

    /** Every transport reads these. */
    public static final List<Option<?>> CORE = List.of(TRANSPORT);

    /** What a transport that talks to a broker reads: where it is, who we are, how topics are provisioned. */
    public static final List<Option<?>> BROKER = List.of(SERVERS, CLIENT_ID, TOPIC_CONFIG, TOPIC_STRATEGY);

    /** TLS to the brokers, the same options for every transport that reads them. */
    public static final List<Option<?>> TLS_OPTIONS = List.of(TLS, TLS_TRUSTSTORE, TLS_TRUSTSTORE_PASSWORD,
            TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD);

    /** Whether {@code config} asks for TLS: tls=true or any other TLS option set. */
    public static boolean wantsTls(ConfigValues config) {
        return config.get(TLS) || !config.get(TLS_TRUSTSTORE).isBlank() || !config.get(TLS_KEYSTORE).isBlank();
    }

    private CommonOptions() {
    }
}
