package dev.conduit.testsupport;

import java.util.HashMap;
import java.util.Map;

import dev.conduit.config.ConfigValues;
import dev.conduit.config.Direction;
import dev.conduit.config.InvalidConfigurationException;
import dev.conduit.transport.OptionCatalog;
import dev.conduit.transport.TransportConfig;

/** Validated configurations for tests, built the way the JavaBeans build them. */
public final class Configs {

    private Configs() {
    }

    /** A connection-factory configuration from alternating names and values. */
    public static TransportConfig outbound(String... namesAndValues) throws InvalidConfigurationException {
        return OptionCatalog.configure(Direction.OUTBOUND, map(namesAndValues));
    }

    /** {@link #outbound}'s values. */
    public static ConfigValues outboundValues(String... namesAndValues) throws InvalidConfigurationException {
        return outbound(namesAndValues).values();
    }

    public static TransportConfig inbound(String... namesAndValues) throws InvalidConfigurationException {
        return OptionCatalog.configure(Direction.INBOUND, map(namesAndValues));
    }

    public static Map<String, String> map(String... namesAndValues) {
        Map<String, String> raw = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            raw.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return raw;
    }
}
