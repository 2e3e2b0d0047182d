package dev.conduit.outbound;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.conduit.api.AdapterMetrics;
import dev.conduit.api.BackPressureException;
import dev.conduit.api.ConnectionClosedException;
import dev.conduit.api.InvalidTopicException;
import dev.conduit.api.MessageTooLargeException;
import dev.conduit.api.PublishResult;
import dev.conduit.api.PublisherMetrics;
import dev.conduit.api.TopicOptions;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.OutboundOptions;
import dev.conduit.metrics.PublishMetrics;
import dev.conduit.transport.OutgoingMessage;
import dev.conduit.transport.Transport;
import dev.conduit.transport.TransportPublisher;

/**
 * The publish hot path shared by every connection of one factory configuration, for every transport: closed
 * check, input validation, bounded in-flight publishes, metrics. No lock is taken: the closed flag is atomic, the
 * in-flight bound is a semaphore whose fast path is a single CAS, and the transport client is thread-safe.
 */
public final class SharedPublisher {

    private final Transport transport;
    private final TransportPublisher client;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final long publishTimeoutNanos;
    private final int maxMessageBytes;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PublishMetrics metrics = new PublishMetrics();

    public SharedPublisher(Transport transport, TransportPublisher client, ConfigValues config) {
        // config: the core outbound options; the transport read its own when it built the client
        this.transport = transport;
        this.client = client;
        this.maxInFlight = config.get(OutboundOptions.MAX_IN_FLIGHT);
        this.inFlight = new Semaphore(maxInFlight);
        this.publishTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.get(OutboundOptions.PUBLISH_TIMEOUT_MS));
        this.maxMessageBytes = config.get(OutboundOptions.MAX_MESSAGE_BYTES);
    }

    /**
     * Validates and hands the message to the transport. Throws at once when the message is refused (nothing was
     * sent); otherwise the future completes with the broker's acknowledgement or its failure.
     */
    public CompletableFuture<PublishResult> publish(OutgoingMessage message) {
        if (closed.get()) {
            metrics.rejected();
            throw new ConnectionClosedException("the " + transport.id() + " publisher is closed (adapter stopped or "
                    + "connection factory undeployed); get a new connection");
        }
        checkMessage(message);
        acquirePermit();
        PublishMetrics.TopicCounters topicMetrics = metrics.topic(message.topic());
        CompletableFuture<PublishResult> sent;
        try {
            sent = client.send(message);
        } catch (RuntimeException e) {
            inFlight.release();
            topicMetrics.failed();
            throw e;
        }
        return sent.whenComplete((result, failure) -> {
            inFlight.release();
            if (failure == null) {
                topicMetrics.published();
            } else {
                topicMetrics.failed();
            }
        });
    }

    public Transport transport() {
        return transport;
    }

    public Duration publishTimeout() {
        return Duration.ofNanos(publishTimeoutNanos);
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Whether the transport client reaches its brokers now (may wait a few seconds; for health checks). */
    public boolean connected() {
        return !closed.get() && client.connected();
    }

    public boolean isFatal(Throwable failure) {
        return client.isFatal(failure);
    }

    public PublisherMetrics metrics() {
        return metrics.snapshot(maxInFlight - inFlight.availablePermits(), client.topics().creations());
    }

    /** Publish outcomes per topic, by topic name. */
    public List<AdapterMetrics.TopicCounts> metricsByTopic() {
        return metrics.byTopic();
    }

    /** Sets a topic's options (cold path); they apply the next time the topic is provisioned. */
    public void configureTopic(String topic, TopicOptions options) {
        checkTopic(topic);
        client.topics().registry().configure(topic, java.util.Objects.requireNonNull(options, "options"));
        client.topics().forget(topic);
    }

    /** A topic's effective options; lock-free. */
    public TopicOptions topicOptions(String topic) {
        return client.topics().registry().options(topic);
    }

    /** Refuses new publishes, then lets the client flush what was accepted within the publish timeout. */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.close(publishTimeout());
        }
    }

    private void checkMessage(OutgoingMessage message) {
        try {
            checkTopic(message.topic());
            if (message.payload() == null) {
                throw new IllegalArgumentException("payload must not be null (use an empty array)");
            }
            if (message.payload().length > maxMessageBytes) {
                throw new MessageTooLargeException("message for topic '" + message.topic() + "' has "
                        + message.payload().length + " bytes; the connection factory's maxMessageBytes is "
                        + maxMessageBytes);
            }
        } catch (RuntimeException e) {
            metrics.rejected();
            throw e;
        }
    }

    private void checkTopic(String topic) {
        if (topic == null || topic.isBlank()) {
            throw new InvalidTopicException("topic must not be null or blank");
        }
        transport.checkTopicName(topic);
    }

    private void acquirePermit() {
        if (inFlight.tryAcquire()) {
            return;
        }
        boolean acquired;
        try {
            acquired = inFlight.tryAcquire(publishTimeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            metrics.rejected();
            throw new BackPressureException("interrupted while waiting for room to publish; nothing was sent", e);
        }
        if (!acquired) {
            metrics.rejected();
            throw new BackPressureException(maxInFlight + " publishes were still unacknowledged after waiting "
                    + publishTimeout().toMillis() + " ms; nothing was sent. The broker is slow or unreachable, or "
                    + "maxInFlight is too low for this load");
        }
    }
}
