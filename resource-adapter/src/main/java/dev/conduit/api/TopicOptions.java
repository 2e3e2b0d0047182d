package dev.conduit.api;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-topic options: how the topic (Kafka) or stream (NATS) is stored when the adapter creates it.
 *
 * @param persistent        file storage (survives broker restarts) vs. memory storage where the transport has one
 * @param partitions        Kafka partitions; ignored by NATS
 * @param replicationFactor replicas (Kafka replication factor, NATS stream replicas)
 * @param retention         how long messages are kept; {@link Duration#ZERO} means the broker default
 * @param maxBytes          size limit per topic/stream, {@code -1} for none
 * @param maxMessages       message-count limit (NATS), {@code -1} for none
 */
public record TopicOptions(boolean persistent, int partitions, int replicationFactor, Duration retention,
                           long maxBytes, long maxMessages) {

    public static final TopicOptions DEFAULTS = new TopicOptions(true, 1, 1, Duration.ZERO, -1, -1);

    public TopicOptions {
        Objects.requireNonNull(retention, "retention must not be null (use Duration.ZERO for the broker default)");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be >= 1, was " + replicationFactor);
        }
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative, was " + retention);
        }
        if (maxBytes < -1 || maxBytes == 0) {
            throw new IllegalArgumentException("maxBytes must be positive or -1 for no limit, was " + maxBytes);
        }
        if (maxMessages < -1 || maxMessages == 0) {
            throw new IllegalArgumentException("maxMessages must be positive or -1 for no limit, was " + maxMessages);
        }
    }
}
