package dev.conduit.facade;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;

import dev.conduit.api.Envelope;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.api.EventStreamException;
import dev.conduit.api.PublishResult;

/**
 * Publishing for applications in one injection: {@code @EJB EventPublisher events; events.publish(...)}.
 * Each call borrows a pooled connection and returns it, so callers never manage connections.
 *
 * <p>The factory is the resource reference {@code conduit/publisher}, bound by default to the connector
 * resource with JNDI name {@value #DEFAULT_FACTORY}. Bind it to another resource in your deployment descriptor
 * ({@code <resource-ref>} with {@code <lookup-name>}) to publish elsewhere.
 */
@Stateless
public class EventPublisher {

    public static final String DEFAULT_FACTORY = "conduit/default";

    @Resource(name = "conduit/publisher", lookup = DEFAULT_FACTORY)
    private EventStreamConnectionFactory factory;

    /** Publishes and waits for the broker's acknowledgement. */
    public PublishResult publish(String topic, String key, byte[] payload) {
        try (EventStreamConnection connection = factory.getConnection()) {
            return connection.publish(topic, key, payload);
        }
    }

    /** Publishes an envelope (ordered by its aggregate id) and waits for the acknowledgement. */
    public PublishResult publishEnvelope(String topic, Envelope envelope) {
        try (EventStreamConnection connection = factory.getConnection()) {
            return connection.publishEnvelope(topic, envelope);
        }
    }

    /**
     * Publishes a batch asynchronously (pipelined, bounded by the factory's maxInFlight) and returns once every
     * envelope was acknowledged, in the order given.
     *
     * @throws EventStreamException for the first envelope the broker refused; the others may be stored
     */
    public List<PublishResult> publishAll(String topic, List<Envelope> envelopes) {
        List<CompletableFuture<PublishResult>> pending = new ArrayList<>(envelopes.size());
        try (EventStreamConnection connection = factory.getConnection()) {
            for (Envelope envelope : envelopes) {
                pending.add(connection.publishEnvelopeAsync(topic, envelope).toCompletableFuture());
            }
            List<PublishResult> results = new ArrayList<>(pending.size());
            for (CompletableFuture<PublishResult> future : pending) {
                results.add(future.join());
            }
            return results;
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof EventStreamException ese) {
                throw ese;
            }
            throw new EventStreamException("publishing to '" + topic + "' failed: " + cause, cause);
        }
    }
}
