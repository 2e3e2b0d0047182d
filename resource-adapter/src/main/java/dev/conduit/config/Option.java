package dev.conduit.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One configuration property, declared once: its name (the JavaBean property the container sets), type, default,
 * validation, documentation and scope. Modelled on kafka-clients' {@code ConfigDef}. The scope has two parts: the
 * {@linkplain #directions() directions} declared here, and the transports: an option in a core list
 * ({@link CommonOptions}, {@link InboundOptions}, {@link OutboundOptions}) applies to every transport, any other
 * to the transports that list it among their options. Setting an option where it does not apply is an error.
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
    private final Set<Direction> directions;
    private final String documentation;

    private Option(String name, String typeName, Function<String, T> parser, T defaultValue, boolean required,
                   boolean secret, Set<Direction> directions, String documentation) {
        this.name = Objects.requireNonNull(name);
        this.typeName = typeName;
        this.parser = parser;
        this.defaultValue = defaultValue;
        this.required = required;
        this.secret = secret;
        this.directions = directions;
        this.documentation = documentation;
    }

    private static <T> Option<T> of(String name, String typeName, Function<String, T> parser, T defaultValue,
                                    String documentation) {
        return new Option<>(name, typeName, parser, defaultValue, false, false, EnumSet.allOf(Direction.class),
                documentation);
    }

    /** A free-form string; blank counts as unset. */
    public static Option<String> string(String name, String defaultValue, String documentation) {
        return of(name, "string", value -> value, defaultValue, documentation);
    }

    /** A comma-separated list of words, trimmed, without blanks or repeats; an empty list counts as unset. */
    public static Option<List<String>> list(String name, String documentation) {
        return of(name, "comma-separated list", value -> Arrays.stream(value.split(",")).map(String::trim)
                .filter(item -> !item.isEmpty()).distinct().toList(), List.of(), documentation);
    }

    /** One constant of {@code type}, written as its {@link Named#idOf id} and compared case-insensitively. */
    public static <E extends Enum<E>> Option<E> choice(String name, Class<E> type, E defaultValue,
                                                       String documentation) {
        E[] constants = type.getEnumConstants();
        List<String> ids = Arrays.stream(constants).map(Named::idOf).toList();
        return of(name, "one of " + String.join(", ", ids), value -> {
            for (E constant : constants) {
                if (Named.idOf(constant).equalsIgnoreCase(value)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("must be one of " + String.join(", ", ids));
        }, defaultValue, documentation);
    }

    public static Option<Integer> integer(String name, int defaultValue, int min, int max, String documentation) {
        return of(name, "integer in [" + min + ", " + max + "]", value -> {
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
        }, defaultValue, documentation);
    }

    public static Option<Boolean> bool(String name, boolean defaultValue, String documentation) {
        return of(name, "boolean", value -> {
            if (value.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (value.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("must be true or false");
        }, defaultValue, documentation);
    }

    /** A {@code key=value} list separated by {@code ;} or new lines, passed through to the client library. */
    public static Option<KeyValues> keyValues(String name, String documentation) {
        return of(name, "key=value;key=value", KeyValues::parse, KeyValues.EMPTY, documentation);
    }

    /** Per-topic options, see {@link TopicSettings}. */
    public static Option<TopicSettings> topicSettings(String name, String documentation) {
        return of(name, "topic:key=value,...;topic:...", TopicSettings::parse, TopicSettings.EMPTY, documentation);
    }

    /** The same option, but a value must be given (wherever the option applies). */
    public Option<T> required() {
        return new Option<>(name, typeName, parser, null, true, secret, directions, documentation);
    }

    /** The same option, but its value is never shown in logs or messages. */
    public Option<T> secret() {
        return new Option<>(name, typeName, parser, defaultValue, required, true, directions, documentation);
    }

    /** The same option, read by activation specs only. */
    public Option<T> inbound() {
        return new Option<>(name, typeName, parser, defaultValue, required, secret, EnumSet.of(Direction.INBOUND),
                documentation);
    }

    /** The same option, read by connection factories only. */
    public Option<T> outbound() {
        return new Option<>(name, typeName, parser, defaultValue, required, secret, EnumSet.of(Direction.OUTBOUND),
                documentation);
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

    /** The default as users would write it; empty when there is none. */
    public String defaultText() {
        if (defaultValue == null) {
            return "";
        }
        if (defaultValue instanceof Enum<?> constant) {
            return Named.idOf(constant);
        }
        if (defaultValue instanceof List<?> items) {
            return String.join(",", items.stream().map(String::valueOf).toList());
        }
        if (defaultValue instanceof KeyValues || defaultValue instanceof TopicSettings) {
            return "";
        }
        return String.valueOf(defaultValue);
    }

    public boolean isRequired() {
        return required;
    }

    public boolean isSecret() {
        return secret;
    }

    public boolean appliesTo(Direction direction) {
        return directions.contains(direction);
    }

    public Set<Direction> directions() {
        return directions;
    }

    /** Whether an invalid value may be quoted in an error: never for secrets or pass-through lists. */
    boolean mayEchoInvalidValue() {
        return !secret && !KeyValues.class.isInstance(defaultValue);
    }

    /** Whether a parsed value counts as not given (an empty list). */
    boolean isEmpty(Object parsed) {
        return parsed instanceof List<?> items && items.isEmpty();
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
