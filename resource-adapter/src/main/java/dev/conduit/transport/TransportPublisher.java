package dev.conduit.transport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.conduit.api.PublishResult;

/**
 * The transport's physical, thread-safe publishing client (one KafkaProducer, one NATS connection). Validation,
 * back-pressure and the closed check live above it, in {@code outbound.SharedPublisher}, once for all transports.
 */
public interface TransportPublisher {

    /**
     * Hands the message to the client without waiting for the broker; the future completes with the broker's
     * acknowledgement. Must not block beyond the client's own bounded metadata/buffer waits.
     */
    CompletableFuture<PublishResult> send(OutgoingMessage message);

    /** {@code true} when the failure means this client can never publish again (fenced, unauthorized, closed). */
    boolean isFatal(Throwable failure);

    /** Provisions this client's topics (streams) on first use; holds their options. */
    TopicProvisioner topics();

    /**
     * Whether the client can reach its brokers now; for health checks, may wait a few seconds for an answer.
     * The default (a client without a network, such as the in-memory one) is always connected.
     */
    default boolean connected() {
        return true;
    }

    /** Flushes what was accepted, waiting at most {@code timeout}, then releases threads and sockets. */
    void close(Duration timeout);
}
