package dev.conduit.messaging;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import dev.conduit.api.Envelope;
import dev.conduit.api.EventStreamException;
import dev.conduit.api.PublishException;
import dev.conduit.api.PublishResult;
import dev.conduit.outbound.SharedPublisher;
import dev.conduit.transport.OutgoingMessage;

/**
 * One outgoing channel: publishes each message through the adapter's shared publisher of its configuration (the
 * same validation, in-flight bound and transport client as a pooled connection factory), acks it once the broker
 * acknowledged it and nacks it with the publish error otherwise. Back-pressure: it requests {@code maxInFlight}
 * messages and one more per publish that ended, so no more than that are unacknowledged at once.
 */
final class OutgoingChannel implements Subscriber<Message<?>> {

    private static final Logger LOG = Logger.getLogger(OutgoingChannel.class.getName());
    private static final long BACKSTOP_GRACE_MS = 1_000;

    private final String channel;
    private final String topic;
    private final SharedPublisher publisher;
    private final int maxInFlight;
    private final Consumer<OutgoingChannel> onEnd;
    private final long backstopMillis;
    private final AtomicReference<Subscription> subscription = new AtomicReference<>();
    private final AtomicLong owed = new AtomicLong();
    private final AtomicInteger requesting = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();

    OutgoingChannel(String channel, String topic, SharedPublisher publisher, int maxInFlight,
                    Consumer<OutgoingChannel> onEnd) {
        this.channel = channel;
        this.topic = topic;
        this.publisher = publisher;
        this.maxInFlight = maxInFlight;
        this.onEnd = onEnd;
        this.backstopMillis = publisher.publishTimeout().toMillis() + BACKSTOP_GRACE_MS;
    }

    @Override
    public void onSubscribe(Subscription s) {
        if (!subscription.compareAndSet(null, s)) {
            s.cancel();
            return;
        }
        request(maxInFlight);
    }

    @Override
    public void onNext(Message<?> message) {
        CompletableFuture<PublishResult> sent;
        try {
            sent = publisher.publish(toWire(message));
        } catch (RuntimeException refused) {
            // Nothing was sent (bad payload or topic, too large, closed): the sender learns why from the nack.
            message.nack(refused);
            request(1);
            return;
        }
        // A backstop as the connection API has: the transport times its acknowledgements out itself, but a
        // message must never wait longer than publishTimeoutMs (plus a grace) for its ack or nack.
        sent.copy().orTimeout(backstopMillis, TimeUnit.MILLISECONDS).whenComplete((result, failure) -> {
            if (failure == null) {
                message.ack();
            } else {
                message.nack(unwrap(failure));
            }
            request(1);
        });
    }

    @Override
    public void onError(Throwable failure) {
        LOG.log(Level.WARNING, "Conduit: the stream of outgoing channel '" + channel + "' failed", failure);
        end();
    }

    @Override
    public void onComplete() {
        end();
    }

    /** Cancels the upstream; publishes already sent still complete (the publisher flushes when it is closed). */
    void cancel() {
        Subscription s = subscription.get();
        if (s != null) {
            s.cancel();
        }
        end();
    }

    SharedPublisher publisher() {
        return publisher;
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            onEnd.accept(this);
        }
    }

    private OutgoingMessage toWire(Message<?> message) {
        ConduitMetadata metadata = ConduitMetadata.of(message);
        String target = metadata != null && metadata.topic() != null ? metadata.topic() : topic;
        Object payload = message.getPayload();
        if (payload instanceof Envelope envelope) {
            return OutgoingMessage.of(target, envelope);
        }
        byte[] bytes;
        if (payload instanceof byte[] raw) {
            bytes = raw;
        } else if (payload instanceof String text) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
        } else {
            throw new IllegalArgumentException("outgoing Conduit channel '" + channel + "' publishes byte[], String "
                    + "or " + Envelope.class.getName() + " payloads, not " + (payload == null ? "null"
                    : payload.getClass().getName()) + "; convert the payload first");
        }
        return metadata == null ? OutgoingMessage.raw(target, null, bytes)
                : new OutgoingMessage(target, metadata.key(), bytes, metadata.headers(), null);
    }

    /**
     * Reactive Streams asks for {@code request} calls one at a time, but publishes end on the clients' threads:
     * whoever finds no other caller busy makes the calls, for what every thread owes so far.
     */
    private void request(long n) {
        owed.addAndGet(n);
        if (requesting.getAndIncrement() != 0) {
            return;
        }
        do {
            long count = owed.getAndSet(0);
            Subscription s = subscription.get();
            if (count > 0 && s != null) {
                s.request(count);
            }
        } while (requesting.decrementAndGet() != 0);
    }

    /** The publish failure as the connection API reports it: an {@link EventStreamException} saying what failed. */
    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException) {
            return new PublishException("no acknowledgement from the broker within publishTimeoutMs; the message may "
                    + "or may not be stored. Check that the broker is reachable", cause);
        }
        return cause instanceof EventStreamException ? cause
                : new PublishException("the broker did not accept the message: " + cause, cause);
    }
}
