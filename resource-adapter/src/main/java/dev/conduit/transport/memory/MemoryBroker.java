package dev.conduit.transport.memory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.conduit.api.TopicOptions;

/** One adapter's in-memory topics, created on first use, each bounded by its maxMessages. */
final class MemoryBroker implements AutoCloseable {

    /** The bound of a topic whose options set no maxMessages. */
    static final int DEFAULT_CAPACITY = 100_000;

    private final Map<String, MemoryTopic> topics = new ConcurrentHashMap<>();

    /** The topic, created with {@code options} (its bound) if it does not exist yet. */
    MemoryTopic topic(String name, TopicOptions options) {
        MemoryTopic topic = topics.get(name);
        return topic != null ? topic : topics.computeIfAbsent(name, key -> new MemoryTopic(key, capacity(options)));
    }

    private static int capacity(TopicOptions options) {
        return options.maxMessages() > 0 ? (int) Math.min(10_000_000, options.maxMessages()) : DEFAULT_CAPACITY;
    }

    @Override
    public void close() {
        topics.clear();
    }
}
