package dev.conduit.outbound;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.conduit.api.ConnectionClosedException;
import dev.conduit.api.Envelope;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamException;
import dev.conduit.api.PublishException;
import dev.conduit.api.PublishResult;
import dev.conduit.api.PublishTracing;
import dev.conduit.api.PublisherMetrics;
import dev.conduit.api.TopicOptions;
import dev.conduit.transport.OutgoingMessage;

/**
 * The application's connection handle: a thin, lock-free view over its managed connection's shared publisher.
 */
public final class ConduitConnection implements EventStreamConnection {

    private static final Logger LOG = Logger.getLogger(ConduitConnection.class.getName());
    private static final long BACKSTOP_GRACE_MS = 1_000;
    private static final AtomicBoolean TRACING_FAILURE_LOGGED = new AtomicBoolean();

    private volatile ConduitManagedConnection managedConnection;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The application's tracing, found while the container creates the handle on the application's thread. */
    private final PublishTracing tracing = PublishTracings.ofCurrentThread();

    ConduitConnection(ConduitManagedConnection managedConnection) {
        this.managedConnection = managedConnection;
    }

    @Override
    public PublishResult publish(String topic, byte[] payload) {
        return publish(topic, null, payload);
    }

    @Override
    public PublishResult publish(String topic, String key, byte[] payload) {
        return await(send(OutgoingMessage.raw(topic, key, payload)));
    }

    @Override
    public PublishResult publishEnvelope(String topic, Envelope envelope) {
        return await(sendEnvelope(topic, envelope));
    }

    @Override
    public CompletionStage<PublishResult> publishAsync(String topic, String key, byte[] payload) {
        return send(OutgoingMessage.raw(topic, key, payload));
    }

    @Override
    public CompletionStage<PublishResult> publishEnvelopeAsync(String topic, Envelope envelope) {
        return sendEnvelope(topic, envelope);
    }

    @Override
    public String transport() {
        return current().publisher().transport().id();
    }

    @Override
    public void configureTopic(String topic, TopicOptions options) {
        current().publisher().configureTopic(topic, options);
    }

    @Override
    public TopicOptions topicOptions(String topic) {
        return current().publisher().topicOptions(topic);
    }

    @Override
    public PublisherMetrics metrics() {
        return current().publisher().metrics();
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            ConduitManagedConnection owner = managedConnection;
            if (owner != null) {
                owner.handleClosed(this);
            }
        }
    }

    /** The container moved this handle to another managed connection (connection sharing). */
    void associate(ConduitManagedConnection owner) {
        this.managedConnection = owner;
    }

    /** The managed connection was cleaned up or destroyed: this handle is dead without a close event. */
    void invalidate() {
        closed.set(true);
    }

    private CompletableFuture<PublishResult> sendEnvelope(String topic, Envelope envelope) {
        if (envelope == null) {
            throw new IllegalArgumentException("envelope must not be null");
        }
        PublishTracing.TracedPublish traced = startTrace(topic, envelope);
        if (traced == null) {
            return send(OutgoingMessage.of(topic, envelope));
        }
        CompletableFuture<PublishResult> sent;
        try {
            sent = send(OutgoingMessage.of(topic, traced.envelope()));
        } catch (RuntimeException refused) {
            traced.completed(refused);
            throw refused;
        }
        sent.whenComplete((result, failure) -> traced.completed(failure == null ? null : unwrap(failure)));
        return sent;
    }

    /** The application's tracing must never fail a publish: if it throws, the envelope goes untraced. */
    private PublishTracing.TracedPublish startTrace(String topic, Envelope envelope) {
        if (tracing == PublishTracings.NONE) {
            return null;
        }
        try {
            return tracing.start(current().publisher().transport().id(), topic, envelope);
        } catch (ConnectionClosedException closedHandle) {
            throw closedHandle;
        } catch (RuntimeException | LinkageError e) {
            // Once at WARNING (it would fail every publish alike), then at FINE.
            LOG.log(TRACING_FAILURE_LOGGED.compareAndSet(false, true) ? Level.WARNING : Level.FINE,
                    "the application's PublishTracing failed; publishing untraced", e);
            return null;
        }
    }

    private CompletableFuture<PublishResult> send(OutgoingMessage message) {
        ConduitManagedConnection owner = current();
        CompletableFuture<PublishResult> sent = owner.publisher().publish(message);
        sent.whenComplete((result, failure) -> {
            if (failure != null) {
                owner.publishFailed(unwrap(failure));
            }
        });
        return sent;
    }

    private ConduitManagedConnection current() {
        ConduitManagedConnection owner = managedConnection;
        if (closed.get() || owner == null) {
            throw new ConnectionClosedException("this connection is closed; get a new one from the factory");
        }
        return owner;
    }

    private PublishResult await(CompletableFuture<PublishResult> sent) {
        long timeoutMs = current().publisher().publishTimeout().toMillis();
        try {
            // The transport times out its own acknowledgements with a more specific message; this is a backstop.
            return sent.get(timeoutMs + BACKSTOP_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while waiting for the broker's acknowledgement; the message may "
                    + "or may not have been stored", e);
        } catch (TimeoutException e) {
            throw new PublishException("no acknowledgement from the broker within publishTimeoutMs=" + timeoutMs
                    + "; the message may still be stored. Check that the broker is reachable", e);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof EventStreamException ese) {
                throw ese;
            }
            throw new PublishException("the broker did not accept the message: " + cause, cause);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof java.util.concurrent.CompletionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
