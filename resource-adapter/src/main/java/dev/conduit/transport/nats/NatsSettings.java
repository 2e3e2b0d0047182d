package dev.conduit.transport.nats;

import java.util.List;

import dev.conduit.config.CommonOptions;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.InvalidConfigurationException;

/** Deploy-time checks of NATS settings, without connecting. */
public final class NatsSettings {

    private NatsSettings() {
    }

    public static void validate(String subject, ConfigValues config) throws InvalidConfigurationException {
        try {
            NatsConnections.options(config, "validation");
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(subject, List.of("property '" + CommonOptions.SERVERS.name()
                    + "' = '" + config.get(CommonOptions.SERVERS) + "' is not a list of NATS URLs "
                    + "(nats://host:port,...): " + e.getMessage()));
        }
        if (!config.get(CommonOptions.KAFKA_PROPERTIES).values().isEmpty()) {
            throw new InvalidConfigurationException(subject, List.of("property '"
                    + CommonOptions.KAFKA_PROPERTIES.name() + "' applies to transport=kafka only"));
        }
    }
}
