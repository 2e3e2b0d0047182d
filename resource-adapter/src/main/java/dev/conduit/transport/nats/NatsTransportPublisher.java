package dev.conduit.transport.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamOptions;
import io.nats.client.PublishOptions;

import dev.conduit.api.PublishException;
import dev.conduit.api.PublishResult;
import dev.conduit.config.CommonOptions;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.OutboundOptions;
import dev.conduit.transport.OutgoingMessage;
import dev.conduit.transport.TopicProvisioner;
import dev.conduit.transport.TopicRegistry;
import dev.conduit.transport.TopicStrategy;
import dev.conduit.transport.TransportPublisher;

/**
 * Publishes through one shared NATS connection and its JetStream context. Every publish is acknowledged by the
 * server (stream sequence in the result); envelopes carry their event id as {@code Nats-Msg-Id}, so JetStream
 * drops a re-published duplicate within the stream's duplicate window.
 */
public final class NatsTransportPublisher implements TransportPublisher {

    private static final Logger LOG = Logger.getLogger(NatsTransportPublisher.class.getName());

    private final Connection connection;
    private final JetStream jetStream;
    private final NatsStreams streams;
    private final Duration ackTimeout;

    public NatsTransportPublisher(ConfigValues config) throws IOException {
        this.connection = NatsConnections.connect(config, config.get(CommonOptions.CLIENT_ID));
        this.ackTimeout = Duration.ofMillis(config.get(OutboundOptions.PUBLISH_TIMEOUT_MS));
        this.jetStream = connection.jetStream(JetStreamOptions.builder().requestTimeout(ackTimeout).build());
        this.streams = new NatsStreams(connection.jetStreamManagement(), TopicRegistry.from(config),
                TopicStrategy.of(config.get(CommonOptions.TOPIC_STRATEGY)), ackTimeout);
    }

    @Override
    public CompletableFuture<PublishResult> send(OutgoingMessage message) {
        try {
            streams.ensure(message.topic());
            PublishOptions options = message.messageId() == null ? null
                    : PublishOptions.builder().messageId(message.messageId()).build();
            return jetStream.publishAsync(message.topic(), NatsHeaderMapping.toNats(message.headers()),
                            message.payload(), options)
                    .handle((ack, failure) -> {
                        if (failure != null) {
                            throw new java.util.concurrent.CompletionException(describe(message, failure));
                        }
                        return new PublishResult(message.topic(), -1, ack.getSeqno(), ack.isDuplicate());
                    });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
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

    private Throwable describe(OutgoingMessage message, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof TimeoutException || cause instanceof java.util.concurrent.CancellationException) {
            return new PublishException("no JetStream acknowledgement for subject '" + message.topic() + "' within "
                    + ackTimeout.toMillis() + " ms (connection " + connection.getStatus() + "); the message may "
                    + "still be stored", cause);
        }
        return cause;
    }
}
