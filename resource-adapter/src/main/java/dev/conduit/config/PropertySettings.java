package dev.conduit.config;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The raw values a container sets on a JavaBean (connection factory, activation spec), keyed by property name, and
 * their validated form, parsed once and again only after a change.
 *
 * @param <T> the validated form
 */
public final class PropertySettings<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Validates raw properties; throws listing every problem. */
    @FunctionalInterface
    public interface Parser<T> extends Serializable {
        T parse(Map<String, String> raw) throws InvalidConfigurationException;
    }

    private final Parser<T> parser;
    private final TreeMap<String, String> values = new TreeMap<>();
    private transient T parsed;

    public PropertySettings(Parser<T> parser) {
        this.parser = parser;
    }

    public synchronized void set(String name, String value) {
        if (value == null) {
            values.remove(name);
        } else {
            values.put(name, value);
        }
        parsed = null;
    }

    public synchronized String get(String name) {
        return values.get(name);
    }

    /** @throws InvalidConfigurationException listing every invalid, missing or misplaced property */
    public synchronized T parse() throws InvalidConfigurationException {
        if (parsed == null) {
            parsed = parser.parse(Map.copyOf(values));
        }
        return parsed;
    }

    synchronized Map<String, String> snapshot() {
        return Map.copyOf(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PropertySettings<?> other && snapshot().equals(other.snapshot());
    }

    @Override
    public int hashCode() {
        return snapshot().hashCode();
    }
}
