package dev.conduit.transport;

import dev.conduit.config.ConfigValues;
import dev.conduit.config.InvalidConfigurationException;
import dev.conduit.transport.kafka.KafkaSettings;
import dev.conduit.transport.kafka.KafkaTransportPublisher;

/** Creates the physical publishing client for a transport. */
public final class TransportPublishers {

    private TransportPublishers() {
    }

    /** Checks the transport-specific settings without connecting; for deploy-time validation. */
    public static void validate(Transport transport, ConfigValues config) throws InvalidConfigurationException {
        switch (transport) {
            case KAFKA -> KafkaSettings.producer(config);
            case NATS -> throw notYet();
            default -> throw new IllegalStateException(transport.id());
        }
    }

    public static TransportPublisher create(Transport transport, ConfigValues config)
            throws InvalidConfigurationException {
        return switch (transport) {
            case KAFKA -> new KafkaTransportPublisher(KafkaSettings.producer(config));
            case NATS -> throw notYet();
        };
    }

    static InvalidConfigurationException notYet() {
        return new InvalidConfigurationException("connection factory", java.util.List.of(
                "property 'transport' = 'nats': the NATS JetStream transport is not available in this version; "
                        + "use transport=kafka"));
    }
}
