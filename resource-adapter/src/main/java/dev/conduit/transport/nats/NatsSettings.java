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
        if (!config.get(CommonOptions.NATS_USERNAME).isBlank() && !config.get(CommonOptions.NATS_TOKEN).isBlank()) {
            throw new InvalidConfigurationException(subject, List.of("properties '"
                    + CommonOptions.NATS_USERNAME.name() + "' and '" + CommonOptions.NATS_TOKEN.name()
                    + "' are both set; NATS authenticates with either a user and password or a token"));
        }
        try {
            NatsConnections.options(config, "validation");
        } catch (IllegalArgumentException | IllegalStateException e) {
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
