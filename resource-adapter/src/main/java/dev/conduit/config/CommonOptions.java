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

    private CommonOptions() {
    }
}
