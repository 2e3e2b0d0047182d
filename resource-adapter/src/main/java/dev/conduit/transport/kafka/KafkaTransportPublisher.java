package dev.conduit.transport.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.conduit.api.PublishException;
import dev.conduit.api.PublishResult;
import dev.conduit.config.TopicStrategy;
import dev.conduit.transport.OutgoingMessage;
import dev.conduit.transport.TopicProvisioner;
import dev.conduit.transport.TopicRegistry;
import dev.conduit.transport.TransportPublisher;

/** Publishes through one shared, thread-safe {@link KafkaProducer}. */
public final class KafkaTransportPublisher implements TransportPublisher {

    private static final Duration HEALTH_CACHE = Duration.ofSeconds(1);

    private final Producer<byte[], byte[]> producer;
    private final KafkaTopics topics;
    private final String who;
    private final Duration timeout;
    private volatile long lastHealthCheck = System.nanoTime() - Duration.ofMinutes(1).toNanos();
    private volatile boolean lastHealthy;

    /** @param who the client as the broker knows it, for error messages (see {@link KafkaFailures#who}) */
    public KafkaTransportPublisher(Properties producerProperties, TopicRegistry registry, TopicStrategy strategy,
                                   Duration timeout, String who) {
        this.producer = AdapterClassLoader.create(() -> new KafkaProducer<>(producerProperties,
                new ByteArraySerializer(), new ByteArraySerializer()));
        this.topics = new KafkaTopics(producerProperties, registry, strategy, timeout, who);
        this.who = who;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<PublishResult> send(OutgoingMessage message) {
        byte[] key = message.key() == null ? null : message.key().getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(message.topic(), null, key, message.payload(),
                KafkaHeaderMapping.toKafka(message.headers()));
        topics.ensure(message.topic());
        CompletableFuture<PublishResult> result = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(explained(message.topic(), failure));
                } else {
                    result.complete(new PublishResult(metadata.topic(), metadata.partition(), metadata.offset(),
                            false));
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            // send() throws synchronously for metadata timeouts, closed producers and serialization problems.
            result.completeExceptionally(explained(null, e));
        }
        return result;
    }

    /**
     * A security failure becomes a PublishException that says what to fix, an acknowledgement that did not come
     * within delivery.timeout.ms (publishTimeoutMs) one that says the outcome is unknown; others stay as they are.
     *
     * @param sentTo the topic of a record that was sent, {@code null} when send() refused it (nothing was sent)
     */
    private Throwable explained(String sentTo, Exception failure) {
        RuntimeException security = KafkaFailures.security(failure);
        if (security != null) {
            return new PublishException(KafkaFailures.explain(security, who), failure);
        }
        // kafka-clients reports a topic it never found (nothing was sent) with the same exception type, through the
        // same callback, as an acknowledgement that did not come; only its message tells them apart.
        if (sentTo != null && failure instanceof org.apache.kafka.common.errors.TimeoutException
                && !String.valueOf(failure.getMessage()).contains("not present in metadata")) {
            return new PublishException("no acknowledgement from Kafka for topic '" + sentTo + "' within "
                    + "publishTimeoutMs=" + timeout.toMillis() + " (" + failure.getMessage() + "): the message may "
                    + "or may not be stored; check that the brokers are reachable", failure);
        }
        return failure;
    }

    /** Asks the cluster (through the topics' admin client), at most once a second; a broker has 2 s to answer. */
    @Override
    public boolean connected() {
        long now = System.nanoTime();
        if (now - lastHealthCheck > HEALTH_CACHE.toNanos()) {
            lastHealthy = topics.reachable(Duration.ofSeconds(2));
            lastHealthCheck = System.nanoTime();
        }
        return lastHealthy;
    }

    @Override
    public boolean isFatal(Throwable failure) {
        Throwable cause = failure instanceof PublishException && failure.getCause() != null ? failure.getCause()
                : failure;
        return cause instanceof ProducerFencedException || cause instanceof AuthenticationException
                || cause instanceof AuthorizationException || cause instanceof UnsupportedVersionException
                || cause instanceof IllegalStateException;
    }

    @Override
    public TopicProvisioner topics() {
        return topics;
    }

    @Override
    public void close(Duration timeout) {
        topics.close(timeout);
        producer.close(timeout);
    }
}
