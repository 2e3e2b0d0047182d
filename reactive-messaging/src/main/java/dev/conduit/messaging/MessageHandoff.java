package dev.conduit.messaging;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.transaction.xa.XAResource;

import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.streams.operators.PublisherBuilder;
import org.eclipse.microprofile.reactive.streams.operators.ReactiveStreams;

import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;
import dev.conduit.inbound.DeliveryAbandonedException;

/**
 * Where the adapter's inbound pipeline ends for a Reactive Messaging channel: the pipeline's delivery workers
 * deliver to these endpoints as they would to an MDB, and each endpoint turns its event into a {@link Message},
 * hands it downstream once downstream asked for one, and returns when the message is acked (the event completes:
 * Kafka watermark, NATS ack) or throws when it is nacked (the pipeline retries it up to {@code maxAttempts}, then
 * runs the failure strategy). A worker holds its event's aggregate lane until then, so the next event of an
 * aggregate is emitted only after the previous one was acked, while events of other aggregates are in flight
 * downstream at the same time, up to the channel's concurrency.
 *
 * <p>Demand: every element downstream requests opens one slot; a worker waits for a slot before it emits. So at
 * most one message more than requested is ever on its way, and nothing is buffered here.
 */
final class MessageHandoff implements MessageEndpointFactory {

    /** How long a message emitted before the channel closed may still be acked before its event is handed back. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 100;

    private final String channel;
    private final BlockingQueue<CompletableFuture<Message<?>>> wanted = new LinkedBlockingQueue<>();
    private volatile long closedAt;
    private volatile boolean closed;
    private volatile IllegalStateException failure;

    MessageHandoff(String channel) {
        this.channel = channel;
    }

    /** The channel's stream; {@code onEnd} runs when downstream cancels it (or it ends otherwise). */
    PublisherBuilder<Message<?>> stream(Runnable onEnd) {
        return ReactiveStreams.<CompletionStage<Message<?>>>generate(this::want)
                .flatMapCompletionStage(Function.identity())
                .onTerminate(onEnd);
    }

    private CompletionStage<Message<?>> want() {
        CompletableFuture<Message<?>> slot = new CompletableFuture<>();
        wanted.add(slot);

        IllegalStateException failed = failure;
        if (failed != null) {
            slot.completeExceptionally(failed);
        }
        return slot;
    }

    /** The activation stopped on its own: the stream ends with {@code reason}, nothing more is emitted. */
    void fail(String reason) {
        if (failure == null) {
            failure = new IllegalStateException("Conduit channel '" + channel + "' stopped consuming: " + reason);
        }
        close();
        CompletableFuture<Message<?>> slot;
        while ((slot = wanted.poll()) != null) {
            slot.completeExceptionally(failure);
        }
    }

    private boolean stopped() {
        return closed;
    }

    /** Emits nothing more; messages already downstream have {@link #CLOSE_GRACE} to be acked. */
    void close() {
        if (!closed) {
            closedAt = System.nanoTime();
            closed = true;
        }
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource) {
        return new Endpoint();
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) {
        return new Endpoint();
    }

    @Override
    public boolean isDeliveryTransacted(Method method) {
        return false;
    }

    @Override
    public String getActivationName() {
        return "reactive-messaging-" + channel;
    }

    @Override
    public Class<?> getEndpointClass() {
        return Endpoint.class;
    }

    /** A nack's reason that is not an {@link Exception}, carried as one so the pipeline treats it as a failure. */
    static final class NackedException extends Exception {

        private static final long serialVersionUID = 1L;

        NackedException(Throwable reason) {
            super(reason == null ? "nacked without a reason" : "nacked: " + reason, reason);
        }
    }

    private final class Endpoint implements MessageEndpoint, EventListener {

        @Override
        public void onEvent(IncomingEvent event) throws Exception {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Message<IncomingEvent> message = Message.of(event,
                    () -> {
                        outcome.complete(null);
                        return CompletableFuture.completedFuture(null);
                    },
                    reason -> {
                        outcome.complete(reason == null ? new NackedException(null) : reason);
                        return CompletableFuture.completedFuture(null);
                    });
            emit(message);
            Throwable failure = awaitOutcome(outcome);
            if (failure instanceof Exception exception) {
                throw exception;
            }
            if (failure != null) {
                throw new NackedException(failure);
            }
        }

        private void emit(Message<?> message) throws InterruptedException {
            while (!stopped()) {
                CompletableFuture<Message<?>> slot = wanted.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (slot != null && slot.complete(message)) {
                    return;
                }
            }
            throw new DeliveryAbandonedException("channel '" + channel + "' closed before downstream asked for the "
                    + "event; it is delivered again");
        }

        private Throwable awaitOutcome(CompletableFuture<Throwable> outcome) throws InterruptedException {
            while (true) {
                try {
                    return outcome.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (stopped() && System.nanoTime() - closedAt > CLOSE_GRACE.toNanos()) {
                        throw new DeliveryAbandonedException("channel '" + channel + "' closed and the message was "
                                + "not acked within " + CLOSE_GRACE.toSeconds() + " s; it is delivered again");
                    }
                } catch (ExecutionException e) {
                    throw new IllegalStateException("the outcome is only ever completed normally", e);
                }
            }
        }

        @Override
        public void beforeDelivery(Method method) {
        }

        @Override
        public void afterDelivery() {
        }

        @Override
        public void release() {
        }
    }
}
