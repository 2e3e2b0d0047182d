package dev.conduit.transport;

import dev.conduit.config.ConfigValues;
import dev.conduit.config.InvalidConfigurationException;
import dev.conduit.transport.kafka.KafkaSettings;
import dev.conduit.transport.kafka.KafkaTransportPublisher;
import dev.conduit.transport.nats.NatsSettings;
import dev.conduit.transport.nats.NatsTransportPublisher;
import dev.conduit.api.EventStreamException;

/** Creates the physical publishing client for a transport. */
public final class TransportPublishers {

    private TransportPublishers() {
    }

    /** Checks the transport-specific settings without connecting; for deploy-time validation. */
    public static void validate(Transport transport, ConfigValues config) throws InvalidConfigurationException {
        switch (transport) {
            case KAFKA -> KafkaSettings.producer(config);
            case NATS -> NatsSettings.validate("connection factory", config);
            default -> throw new IllegalStateException(transport.id());
        }
    }

    public static TransportPublisher create(Transport transport, ConfigValues config)
            throws InvalidConfigurationException {
        return switch (transport) {
            case KAFKA -> new KafkaTransportPublisher(KafkaSettings.producer(config), TopicRegistry.from(config),
                    TopicStrategy.of(config.get(dev.conduit.config.CommonOptions.TOPIC_STRATEGY)),
                    java.time.Duration.ofMillis(config.get(dev.conduit.config.OutboundOptions.PUBLISH_TIMEOUT_MS)));
            case NATS -> connectNats(config);
        };
    }

    private static TransportPublisher connectNats(ConfigValues config) {
        try {
            return new NatsTransportPublisher(config);
        } catch (java.io.IOException e) {
            throw new EventStreamException(e.getMessage(), e);
        }
    }
}
