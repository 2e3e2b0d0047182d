package dev.conduit.transport.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;

import dev.conduit.api.PublishException;
import dev.conduit.api.PublishResult;
import dev.conduit.config.CommonOptions;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.OutboundOptions;
import dev.conduit.transport.OutgoingMessage;
import dev.conduit.transport.TopicProvisioner;
import dev.conduit.transport.TopicRegistry;
import dev.conduit.transport.TransportPublisher;

/**
 * Publishes through one shared NATS connection and its JetStream context. Every publish is acknowledged by the
 * server (stream sequence in the result); envelopes carry their event id as {@code Nats-Msg-Id}, so JetStream
 * drops a re-published duplicate within the stream's duplicate window.
 */
public final class NatsTransportPublisher implements TransportPublisher {

    private static final Logger LOG = Logger.getLogger(NatsTransportPublisher.class.getName());
    private static final String MESSAGE_ID_HEADER = "Nats-Msg-Id";

    private static final long FIRST_RETRY_MILLIS = 50;
    private static final long MAX_RETRY_MILLIS = 1_000;

    private final Connection connection;
    private final NatsStreams streams;
    private final Duration ackTimeout;
    private final ScheduledExecutorService retries;

    public NatsTransportPublisher(ConfigValues config) throws IOException {
        this.connection = NatsConnections.connect(config, config.get(CommonOptions.CLIENT_ID));
        String name = config.get(CommonOptions.CLIENT_ID) + "-publish-retry";
        this.retries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        this.ackTimeout = Duration.ofMillis(config.get(OutboundOptions.PUBLISH_TIMEOUT_MS));
        this.streams = new NatsStreams(connection.jetStreamManagement(),
                new TopicRegistry(config.get(CommonOptions.TOPIC_CONFIG)), config.get(CommonOptions.TOPIC_STRATEGY),
                ackTimeout);
    }

    /**
     * A JetStream publish as a request whose reply is the stream's acknowledgement. The request carries its own
     * timeout ({@code publishTimeoutMs}); jnats' {@code publishAsync} would time out at the connection's request
     * sweep interval instead, reporting stored messages as failed under any pause longer than that.
     */
    @Override
    public CompletableFuture<PublishResult> send(OutgoingMessage message) {
        try {
            streams.ensure(message.topic());
            String subject = streams.subject(message.topic(), message.key());
            long sentAt = System.nanoTime();
            return attempt(message, subject, headers(message), sentAt, sentAt + ackTimeout.toNanos(),
                    FIRST_RETRY_MILLIS);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * One request for the acknowledgement, within what is left of publishTimeoutMs. When no stream answers at all
     * (the server reports no responders at once: a stream without a leader during a cluster fail-over), the
     * message was not stored, so it is sent again after a growing pause, until the publish timeout.
     */
    private CompletableFuture<PublishResult> attempt(OutgoingMessage message, String subject, Headers headers,
                                                     long firstSentAt, long deadline, long pauseMillis) {
        long sentAt = System.nanoTime();
        Duration left = Duration.ofNanos(Math.max(1, deadline - sentAt));
        return connection.requestWithTimeout(subject, headers, message.payload(), left)
                .handle((reply, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(acknowledgement(message, reply));
                    }
                    boolean noResponders = isNoResponders(failure, sentAt, left);
                    long now = System.nanoTime();
                    if (noResponders && now + TimeUnit.MILLISECONDS.toNanos(pauseMillis) < deadline) {
                        CompletableFuture<PublishResult> again = new CompletableFuture<>();
                        retries.schedule(() -> retry(message, subject, headers, firstSentAt, deadline, pauseMillis,
                                again), pauseMillis, TimeUnit.MILLISECONDS);
                        return again;
                    }
                    return CompletableFuture.<PublishResult>failedFuture(noResponders
                            ? noStream(message, firstSentAt) : describe(message, failure, firstSentAt));
                }).thenCompose(next -> next);
    }

    private void retry(OutgoingMessage message, String subject, Headers headers, long firstSentAt, long deadline,
                       long pauseMillis, CompletableFuture<PublishResult> result) {
        try {
            attempt(message, subject, headers, firstSentAt, deadline, Math.min(MAX_RETRY_MILLIS, pauseMillis * 2))
                    .whenComplete((ack, failure) -> {
                        if (failure == null) {
                            result.complete(ack);
                        } else {
                            result.completeExceptionally(failure);
                        }
                    });
        } catch (RuntimeException e) {
            // The connection closed meanwhile (the publisher is closing).
            result.completeExceptionally(new PublishException("the NATS connection closed before the message for "
                    + "subject '" + message.topic() + "' could be sent again; it was not stored", e));
        }
    }

    /** jnats cancels a request the moment the server says no one listens; a timeout cancels it only at the end. */
    private boolean isNoResponders(Throwable failure, long sentAt, Duration timeout) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof CancellationException && connection.getStatus() == Connection.Status.CONNECTED
                && System.nanoTime() - sentAt < timeout.toNanos();
    }

    private PublishException noStream(OutgoingMessage message, long firstSentAt) {
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstSentAt);
        return new PublishException("no JetStream stream answered for subject '" + message.topic() + "' within "
                + "publishTimeoutMs=" + ackTimeout.toMillis() + " (retried for " + waited + " ms): the message was "
                + "not stored. The stream has no leader (a cluster node is down and the rest cannot elect one) or "
                + "no stream captures the subject");
    }

    private static Headers headers(OutgoingMessage message) {
        Headers headers = NatsHeaderMapping.toNats(message.headers());
        if (message.messageId() == null) {
            return headers;
        }
        Headers withId = headers == null ? new Headers() : headers;
        return withId.put(MESSAGE_ID_HEADER, message.messageId());
    }

    private static PublishResult acknowledgement(OutgoingMessage message, Message reply) {
        if (reply.isStatusMessage()) {
            // 503: nothing captures the subject (the stream was deleted behind the adapter's back).
            throw new CompletionException(new PublishException("JetStream did not store the message for subject '"
                    + message.topic() + "': " + reply.getStatus().getMessageWithCode()
                    + ". Check that a stream captures this subject"));
        }
        try {
            PublishAck ack = new PublishAck(reply);
            return new PublishResult(message.topic(), -1, ack.getSeqno(), ack.isDuplicate());
        } catch (IOException | JetStreamApiException e) {
            throw new CompletionException(new PublishException("JetStream refused the message for subject '"
                    + message.topic() + "': " + e.getMessage(), e));
        }
    }

    @Override
    public boolean connected() {
        return connection.getStatus() == Connection.Status.CONNECTED;
    }

    @Override
    public TopicProvisioner topics() {
        return streams;
    }

    @Override
    public boolean isFatal(Throwable failure) {
        return connection.getStatus() == Connection.Status.CLOSED;
    }

    @Override
    public void close(Duration timeout) {
        // Retries already scheduled still run (and fail fast on the closed connection): no future is left open.
        retries.shutdown();
        try {
            connection.drain(timeout).get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Conduit: draining the NATS connection did not finish cleanly", e);
        } finally {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Throwable describe(OutgoingMessage message, Throwable failure, long sentAt) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        List<String> denied = NatsServerErrors.matching(connection, "Permissions Violation for Publish to \""
                + message.topic() + "\"");
        if (!denied.isEmpty()) {
            return new PublishException("the NATS server does not let this user publish to '" + message.topic()
                    + "' (" + denied.get(denied.size() - 1) + "); grant it publish permission on the subject or "
                    + "use another one. The message was not stored", cause);
        }
        if (cause instanceof TimeoutException || cause instanceof CancellationException) {
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
            return new PublishException("no JetStream acknowledgement for subject '" + message.topic()
                    + "' within publishTimeoutMs=" + ackTimeout.toMillis() + " (waited " + waited
                    + " ms, connection " + connection.getStatus() + "): the message may or may not be stored"
                    + (message.messageId() == null ? "" : "; publishing the same envelope again is safe, the "
                    + "stream drops a repeated event id within its duplicate window"), cause);
        }
        return cause;
    }
}
