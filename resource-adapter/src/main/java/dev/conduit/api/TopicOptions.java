package dev.conduit.api;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-topic options: how the topic (Kafka) or stream (NATS) is stored when the adapter creates or updates it.
 * Build with {@link #builder()}; unset values mean the broker's default.
 *
 * @param persistent        NATS: file storage (survives restarts) or memory storage. Kafka topics are always
 *                          persistent; {@code false} is ignored there
 * @param partitions        Kafka partitions, {@code 0} for the broker default; NATS: more than 1 makes the stream
 *                          capture {@code <topic>.0} ... {@code <topic>.<n-1>}, so several servers can consume one
 *                          group (set when the stream is created; an existing stream keeps its partitions)
 * @param replicationFactor Kafka replication factor / NATS replicas, {@code 0} for the default
 * @param retention         how long messages are kept; {@link Duration#ZERO} for the broker default
 * @param maxBytes          size limit of the topic/stream (Kafka: per partition), {@code -1} for none
 * @param maxMessages       message-count limit (NATS only), {@code -1} for none
 * @param compression       Kafka {@code compression.type} of the topic, empty for the broker default
 */
public record TopicOptions(boolean persistent, int partitions, int replicationFactor, Duration retention,
                           long maxBytes, long maxMessages, String compression) {

    public static final TopicOptions DEFAULTS = builder().build();

    public TopicOptions {
        Objects.requireNonNull(retention, "retention must not be null (use Duration.ZERO for the broker default)");
        Objects.requireNonNull(compression, "compression must not be null (use \"\" for the broker default)");
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be >= 0 (0 = broker default), was " + partitions);
        }
        if (replicationFactor < 0) {
            throw new IllegalArgumentException("replicationFactor must be >= 0 (0 = default), was "
                    + replicationFactor);
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

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().persistent(persistent).partitions(partitions).replicationFactor(replicationFactor)
                .retention(retention).maxBytes(maxBytes).maxMessages(maxMessages).compression(compression);
    }

    /** Builds {@link TopicOptions}; every setter validates on {@link #build()}. */
    public static final class Builder {
        private boolean persistent = true;
        private int partitions;
        private int replicationFactor;
        private Duration retention = Duration.ZERO;
        private long maxBytes = -1;
        private long maxMessages = -1;
        private String compression = "";

        private Builder() {
        }

        public Builder persistent(boolean value) {
            this.persistent = value;
            return this;
        }

        public Builder partitions(int value) {
            this.partitions = value;
            return this;
        }

        public Builder replicationFactor(int value) {
            this.replicationFactor = value;
            return this;
        }

        public Builder retention(Duration value) {
            this.retention = value;
            return this;
        }

        public Builder maxBytes(long value) {
            this.maxBytes = value;
            return this;
        }

        public Builder maxMessages(long value) {
            this.maxMessages = value;
            return this;
        }

        public Builder compression(String value) {
            this.compression = value;
            return this;
        }

        public TopicOptions build() {
            return new TopicOptions(persistent, partitions, replicationFactor, retention, maxBytes, maxMessages,
                    compression);
        }
    }
}
