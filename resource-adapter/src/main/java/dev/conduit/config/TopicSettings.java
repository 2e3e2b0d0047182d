package dev.conduit.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.conduit.api.TopicOptions;

/**
 * Per-topic options from configuration: {@code *:partitions=4;orders:partitions=12,retentionMs=604800000}.
 * {@code *} sets the defaults every other entry starts from. Keys: persistent, partitions, replicas,
 * retentionMs, maxBytes, maxMessages, compression.
 */
public record TopicSettings(TopicOptions defaults, Map<String, TopicOptions> perTopic) {

    public static final TopicSettings EMPTY = new TopicSettings(TopicOptions.DEFAULTS, Map.of());

    public TopicSettings {
        perTopic = Collections.unmodifiableMap(new LinkedHashMap<>(perTopic));
    }

    public TopicOptions optionsFor(String topic) {
        return perTopic.getOrDefault(topic, defaults);
    }

    static TopicSettings parse(String text) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String entry : text.split("[;\\n]")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("entry '" + trimmed + "' must look like topic:key=value,...");
            }
            entries.put(trimmed.substring(0, colon).trim(), trimmed.substring(colon + 1).trim());
        }
        TopicOptions defaults = entries.containsKey("*") ? apply(TopicOptions.DEFAULTS, "*", entries.get("*"))
                : TopicOptions.DEFAULTS;
        Map<String, TopicOptions> perTopic = new LinkedHashMap<>();
        entries.forEach((topic, settings) -> {
            if (!topic.equals("*")) {
                perTopic.put(topic, apply(defaults, topic, settings));
            }
        });
        return new TopicSettings(defaults, perTopic);
    }

    private static TopicOptions apply(TopicOptions base, String topic, String settings) {
        TopicOptions.Builder builder = base.toBuilder();
        for (String pair : settings.split(",")) {
            String trimmed = pair.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("for topic '" + topic + "', '" + trimmed + "' is not key=value");
            }
            String key = trimmed.substring(0, eq).trim();
            String value = trimmed.substring(eq + 1).trim();
            try {
                switch (key) {
                    case "persistent" -> builder.persistent(parseBoolean(value));
                    case "partitions" -> builder.partitions(Integer.parseInt(value));
                    case "replicas" -> builder.replicationFactor(Integer.parseInt(value));
                    case "retentionMs" -> builder.retention(Duration.ofMillis(Long.parseLong(value)));
                    case "maxBytes" -> builder.maxBytes(Long.parseLong(value));
                    case "maxMessages" -> builder.maxMessages(Long.parseLong(value));
                    case "compression" -> builder.compression(value);
                    default -> throw new IllegalArgumentException("for topic '" + topic + "', unknown key '" + key
                            + "'; use persistent, partitions, replicas, retentionMs, maxBytes, maxMessages, "
                            + "compression");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("for topic '" + topic + "', " + key + "=" + value
                        + " is not a number");
            }
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("for topic '" + topic + "', " + e.getMessage());
        }
    }

    private static boolean parseBoolean(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("persistent must be true or false, was " + value);
    }
}
