package dev.conduit.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Validated, typed configuration: raw properties parsed against their {@link Option} declarations. Immutable;
 * equal raw settings give equal instances, which is what shared clients are keyed by.
 */
public final class ConfigValues {

    private final Map<String, Object> values;
    private final Map<String, String> raw;
    private final Map<String, Option<?>> declared;

    private ConfigValues(Map<String, Object> values, Map<String, String> raw, Map<String, Option<?>> declared) {
        this.values = values;
        this.raw = raw;
        this.declared = declared;
    }

    /**
     * @param subject what is being configured, for the error message ("connection factory", "activation spec")
     * @throws InvalidConfigurationException listing every invalid or missing property
     */
    public static ConfigValues parse(String subject, List<Option<?>> options, Map<String, String> rawProperties)
            throws InvalidConfigurationException {
        return parse(subject, options, rawProperties, Placeholders.fromSystem());
    }

    static ConfigValues parse(String subject, List<Option<?>> options, Map<String, String> rawProperties,
                              Placeholders placeholders) throws InvalidConfigurationException {
        Map<String, Object> parsed = new LinkedHashMap<>();
        Map<String, String> effectiveRaw = new TreeMap<>();
        Map<String, Option<?>> declared = new LinkedHashMap<>();
        List<InvalidConfigurationException.Problem> problems = new ArrayList<>();
        for (Option<?> option : options) {
            declared.put(option.name(), option);
            String value = rawProperties.get(option.name());
            try {
                value = value == null ? null : placeholders.resolve(value);
            } catch (IllegalArgumentException e) {
                problems.add(problem(option, "property '" + option.name() + "' " + e.getMessage()));
                continue;
            }
            Object parsedValue;
            try {
                parsedValue = value == null || value.isBlank() ? null : option.parse(value);
            } catch (IllegalArgumentException e) {
                String shown = !option.mayEchoInvalidValue() ? "" : " = '" + value + "'";
                problems.add(problem(option, "property '" + option.name() + "'" + shown + " " + e.getMessage()));
                continue;
            }
            if (parsedValue == null || option.isEmpty(parsedValue)) {
                if (option.isRequired()) {
                    problems.add(problem(option, "property '" + option.name() + "' is required ("
                            + option.typeName() + "): " + option.documentation()));
                } else {
                    parsed.put(option.name(), option.defaultValue());
                }
                continue;
            }
            parsed.put(option.name(), parsedValue);
            effectiveRaw.put(option.name(), value.trim());
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(subject, problems);
        }
        return new ConfigValues(Collections.unmodifiableMap(parsed), Collections.unmodifiableMap(effectiveRaw),
                declared);
    }

    private static InvalidConfigurationException.Problem problem(Option<?> option, String message) {
        return new InvalidConfigurationException.Problem(option.name(), message);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        if (!declared.containsKey(option.name())) {
            throw new IllegalArgumentException("option " + option.name() + " is not part of this configuration");
        }
        return (T) values.get(option.name());
    }

    /** Whether this configuration's transport reads {@code option}. */
    public boolean declares(Option<?> option) {
        return declared.containsKey(option.name());
    }

    /** The settings as given (blank ones dropped): the identity of a configuration. */
    public Map<String, String> raw() {
        return raw;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigValues other && raw.equals(other.raw);
    }

    @Override
    public int hashCode() {
        return raw.hashCode();
    }

    /** The settings with secrets masked; safe to log. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        raw.forEach((name, value) -> {
            Option<?> option = declared.get(name);
            Object shown = option.isSecret() ? "****" : values.get(name);
            sb.append(sb.length() == 1 ? "" : ", ").append(name).append('=').append(shown);
        });
        return sb.append('}').toString();
    }
}
