package dev.conduit.api;

import java.util.concurrent.CompletionStage;

/**
 * A handle for publishing events. Thread-safe, cheap, and backed by one shared client per factory configuration;
 * close it when done (try-with-resources) so the container can reuse it.
 *
 * <p>The synchronous methods return once the broker acknowledged the message. The asynchronous ones return at
 * once; when too many publishes are already in flight they wait up to the factory's {@code publishTimeoutMs}
 * for room and then fail with {@link BackPressureException}, so memory stays bounded and nothing accepted is
 * dropped silently.
 */
public interface EventStreamConnection extends AutoCloseable {

    PublishResult publish(String topic, byte[] payload);

    /** Publishes with a key: on Kafka the key picks the partition, so messages with one key stay in order. */
    PublishResult publish(String topic, String key, byte[] payload);

    /** Publishes an envelope; its aggregate id is the ordering key. */
    PublishResult publishEnvelope(String topic, Envelope envelope);

    CompletionStage<PublishResult> publishAsync(String topic, String key, byte[] payload);

    CompletionStage<PublishResult> publishEnvelopeAsync(String topic, Envelope envelope);

    /** The transport behind this connection: {@code kafka} or {@code nats}. */
    String transport();

    boolean isClosed();

    /**
     * Sets how a topic is created or updated (partitions, retention, storage...). Applies from the topic's next
     * provisioning: at first use, or at once with {@code topicStrategy=create-or-update}.
     */
    void configureTopic(String topic, TopicOptions options);

    /** The topic's effective options: configured through the API, else the factory's {@code topicConfig}. */
    TopicOptions topicOptions(String topic);

    /** Counters of the shared publisher behind this connection. */
    PublisherMetrics metrics();

    /** Returns the handle to the pool; idempotent. Publishing afterwards fails with {@link ConnectionClosedException}. */
    @Override
    void close();
}
