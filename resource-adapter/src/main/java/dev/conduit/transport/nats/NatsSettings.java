package dev.conduit.transport.nats;

import dev.conduit.config.CommonOptions;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.InvalidConfigurationException;

/** Deploy-time checks of NATS settings, without connecting. */
final class NatsSettings {

    private NatsSettings() {
    }

    static void validate(String subject, ConfigValues config) throws InvalidConfigurationException {
        if (!config.get(NatsOptions.USERNAME).isBlank() && !config.get(NatsOptions.TOKEN).isBlank()) {
            throw InvalidConfigurationException.of(subject, NatsOptions.TOKEN.name(), "properties '"
                    + NatsOptions.USERNAME.name() + "' and '" + NatsOptions.TOKEN.name() + "' are both set; NATS "
                    + "authenticates with either a user and password or a token");
        }
        try {
            NatsConnections.options(config, "validation");
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw InvalidConfigurationException.of(subject, CommonOptions.SERVERS.name(), "property '"
                    + CommonOptions.SERVERS.name() + "' = '" + config.get(CommonOptions.SERVERS) + "' is not a list "
                    + "of NATS URLs (nats://host:port,...): " + e.getMessage());
        }
    }
}
