package dev.conduit.transport.kafka;

import java.util.List;

import dev.conduit.config.CommonOptions;
import dev.conduit.config.KeyValues;
import dev.conduit.config.Named;
import dev.conduit.config.Option;
import dev.conduit.config.Options;

/** The options only transport=kafka reads. */
public final class KafkaOptions {

    /** Producer acknowledgement levels. */
    public enum Acks implements Named {
        ALL("all"), LEADER("1"), NONE("0");

        private final String id;

        Acks(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }

    /** SASL mechanisms the adapter configures itself; others go through kafkaProperties. */
    public enum SaslMechanism implements Named {
        NONE("none"), PLAIN("PLAIN"), SCRAM_SHA_256("SCRAM-SHA-256"), SCRAM_SHA_512("SCRAM-SHA-512");

        private final String id;

        SaslMechanism(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }

    /** Producer batch compression. */
    public enum Compression { NONE, GZIP, SNAPPY, LZ4, ZSTD }

    public static final Option<Acks> ACKS = Option.choice("acks", Acks.class, Acks.ALL,
            "Kafka acknowledgement level: all (durable, idempotent; default), 1 (leader only) or 0 (fire and "
                    + "forget).").outbound();

    public static final Option<Integer> LINGER_MS = Option.integer("lingerMs", 5, 0, 60_000,
            "Kafka linger.ms: how long the producer waits to fill a batch.").outbound();

    public static final Option<Integer> BATCH_SIZE = Option.integer("batchSize", 65_536, 0, 16 * 1024 * 1024,
            "Kafka batch.size in bytes per partition batch.").outbound();

    public static final Option<Compression> COMPRESSION = Option.choice("compressionType", Compression.class,
            Compression.NONE, "Kafka compression.type for produced batches.").outbound();

    public static final Option<KeyValues> KAFKA_PROPERTIES = Option.keyValues("kafkaProperties",
            "Extra kafka-clients settings passed through verbatim, e.g. 'security.protocol=SSL;"
                    + "ssl.truststore.location=/path'. Settings the adapter manages itself cannot be overridden.");

    public static final Option<SaslMechanism> SASL_MECHANISM = Option.choice("saslMechanism", SaslMechanism.class,
            SaslMechanism.NONE, "Authenticate to Kafka with SASL: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, with "
                    + "saslUsername and saslPassword (security.protocol becomes SASL_SSL with TLS options, else "
                    + "SASL_PLAINTEXT). Other mechanisms (OAUTHBEARER, GSSAPI) through kafkaProperties.");

    public static final Option<String> SASL_USERNAME = Option.string("saslUsername", "",
            "Kafka SASL user name (with saslMechanism and saslPassword).");

    public static final Option<String> SASL_PASSWORD = Option.string("saslPassword", "",
            "Kafka SASL password; never logged. Use a server-side alias (Payara: ${ALIAS=name}) rather than the "
                    + "plain value.").secret();

    public static final Option<String> GROUP_INSTANCE_ID = Option.string("groupInstanceId", "",
            "Kafka static membership (group.instance.id): a name unique to this server in the group, e.g. "
                    + "'${HOSTNAME}'. A server restarting within the session timeout gets its partitions back without "
                    + "a rebalance of the others (rolling restarts). Empty: dynamic membership.").inbound();

    /** Everything transport=kafka reads beyond the core options. */
    static final List<Option<?>> ALL = Options.join(List.of(CommonOptions.SERVERS, CommonOptions.CLIENT_ID,
            CommonOptions.TOPIC_CONFIG, CommonOptions.TOPIC_STRATEGY, ACKS, LINGER_MS, BATCH_SIZE, COMPRESSION,
            SASL_MECHANISM, SASL_USERNAME, SASL_PASSWORD), CommonOptions.TLS_OPTIONS, List.of(GROUP_INSTANCE_ID,
            KAFKA_PROPERTIES));

    private KafkaOptions() {
    }
}
