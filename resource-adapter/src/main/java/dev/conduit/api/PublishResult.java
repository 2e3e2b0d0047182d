package dev.conduit.api;

/**
 * Where the broker stored a published message.
 *
 * @param topic     the topic (Kafka) or subject (NATS)
 * @param partition the Kafka partition; {@code -1} on NATS
 * @param position  the Kafka offset or the JetStream stream sequence
 * @param duplicate {@code true} when the broker recognised the message id as already stored (NATS de-duplication)
 */
public record PublishResult(String topic, int partition, long position, boolean duplicate) {
}
