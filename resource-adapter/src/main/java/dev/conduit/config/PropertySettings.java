package dev.conduit.config;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The raw values a container sets on a JavaBean (connection factory, activation spec), keyed by option, and
 * their validated form, parsed once and re-parsed only after a change.
 */
public final class PropertySettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String subject;
    private final List<Option<?>> options;
    private final TreeMap<String, String> values = new TreeMap<>();
    private transient ConfigValues parsed;

    public PropertySettings(String subject, List<Option<?>> options) {
        this.subject = subject;
        this.options = options;
    }

    public synchronized void set(Option<?> option, String value) {
        if (value == null) {
            values.remove(option.name());
        } else {
            values.put(option.name(), value);
        }
        parsed = null;
    }

    public synchronized String get(Option<?> option) {
        return values.get(option.name());
    }

    /** @throws InvalidConfigurationException listing every invalid or missing property */
    public synchronized ConfigValues parse() throws InvalidConfigurationException {
        if (parsed == null) {
            parsed = ConfigValues.parse(subject, options, values);
        }
        return parsed;
    }

    synchronized Map<String, String> snapshot() {
        return Map.copyOf(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PropertySettings other && snapshot().equals(other.snapshot());
    }

    @Override
    public int hashCode() {
        return snapshot().hashCode();
    }
}
