package dev.conduit.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration property, declared once: its name (the JavaBean property the container sets), type,
 * default, validation and documentation. Modelled on kafka-clients' {@code ConfigDef}.
 *
 * @param <T> the parsed type
 */
public final class Option<T> {

    private final String name;
    private final String typeName;
    private final Function<String, T> parser;
    private final T defaultValue;
    private final boolean required;
    private final boolean secret;
    private final String documentation;

    private Option(String name, String typeName, Function<String, T> parser, T defaultValue, boolean required,
                   boolean secret, String documentation) {
        this.name = Objects.requireNonNull(name);
        this.typeName = typeName;
        this.parser = parser;
        this.defaultValue = defaultValue;
        this.required = required;
        this.secret = secret;
        this.documentation = documentation;
    }

    /** A free-form string; blank counts as unset. */
    public static Option<String> string(String name, String defaultValue, String documentation) {
        return new Option<>(name, "string", value -> value, defaultValue, false, false, documentation);
    }

    /** One of a fixed set of lower-case words, compared case-insensitively. */
    public static Option<String> choice(String name, String defaultValue, List<String> allowed, String documentation) {
        return new Option<>(name, "one of " + allowed, value -> {
            String normalized = value.toLowerCase(Locale.ROOT);
            if (!allowed.contains(normalized)) {
                throw new IllegalArgumentException("must be one of " + allowed);
            }
            return normalized;
        }, defaultValue, false, false, documentation);
    }

    public static Option<Integer> integer(String name, int defaultValue, int min, int max, String documentation) {
        return new Option<>(name, "integer in [" + min + ", " + max + "]", value -> {
            int parsed;
            try {
                parsed = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be an integer between " + min + " and " + max);
            }
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return parsed;
        }, defaultValue, false, false, documentation);
    }

    public static Option<Boolean> bool(String name, boolean defaultValue, String documentation) {
        return new Option<>(name, "boolean", value -> {
            if (value.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (value.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("must be true or false");
        }, defaultValue, false, false, documentation);
    }

    /** A {@code key=value} list separated by {@code ;} or new lines, passed through to the client library. */
    public static Option<KeyValues> keyValues(String name, String documentation) {
        return new Option<>(name, "key=value;key=value", KeyValues::parse, KeyValues.EMPTY, false, false,
                documentation);
    }

    /** Per-topic options, see {@link TopicSettings}. */
    public static Option<TopicSettings> topicSettings(String name, String documentation) {
        return new Option<>(name, "topic:key=value,...;topic:...", TopicSettings::parse, TopicSettings.EMPTY, false,
                false, documentation);
    }

    /** The same option, but a value must be given. */
    public Option<T> required() {
        return new Option<>(name, typeName, parser, null, true, secret, documentation);
    }

    /** The same option, but its value is never shown in logs or messages. */
    public Option<T> secret() {
        return new Option<>(name, typeName, parser, defaultValue, required, true, documentation);
    }

    public String name() {
        return name;
    }

    public String typeName() {
        return typeName;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public boolean isRequired() {
        return required;
    }

    public boolean isSecret() {
        return secret;
    }

    /** Whether an invalid value may be quoted in an error: never for secrets or pass-through lists. */
    boolean mayEchoInvalidValue() {
        return !secret && !KeyValues.class.isInstance(defaultValue);
    }

    public String documentation() {
        return documentation;
    }

    /**
     * @throws IllegalArgumentException with a message that completes "property 'x' = 'v' ..."
     */
    T parse(String value) {
        return parser.apply(value.trim());
    }

    @Override
    public String toString() {
        return name;
    }
}
