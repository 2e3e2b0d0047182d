package dev.conduit.transport;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.conduit.api.TopicOptions;
import dev.conduit.config.TopicSettings;

/**
 * The options of every topic: set through the API ({@code configureTopic}), else from configuration
 * ({@code topicConfig}), else the configured defaults. Read on the publish path without a lock.
 */
public final class TopicRegistry {

    private final TopicSettings configured;
    private final ConcurrentMap<String, TopicOptions> overrides = new ConcurrentHashMap<>();

    public TopicRegistry(TopicSettings configured) {
        this.configured = configured;
    }

    public TopicOptions options(String topic) {
        TopicOptions override = overrides.get(topic);
        return override != null ? override : configured.optionsFor(topic);
    }

    public void configure(String topic, TopicOptions options) {
        overrides.put(topic, options);
    }
}
