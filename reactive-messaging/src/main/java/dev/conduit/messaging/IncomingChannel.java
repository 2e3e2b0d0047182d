package dev.conduit.messaging;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import jakarta.resource.ResourceException;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.streams.operators.PublisherBuilder;

import dev.conduit.inbound.EndpointActivation;
import dev.conduit.inbound.EventSource;
import dev.conduit.inbound.InboundPipeline;
import dev.conduit.transport.AdapterScope;
import dev.conduit.transport.TransportConfig;

/**
 * One incoming channel: an activation of the adapter's inbound pipeline (the transport's source, ordered lanes,
 * retries, failure strategy, commit/ack), built exactly as for an MDB, whose delivery workers end in a
 * {@link MessageHandoff} instead of message-driven beans. Closing it stops the activation and waits for its threads.
 */
final class IncomingChannel implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IncomingChannel.class.getName());
    private static final Duration STOP_TIMEOUT = MessageHandoff.CLOSE_GRACE.plusSeconds(20);

    private final String channel;
    private final MessageHandoff handoff;
    private final EndpointActivation activation;
    private final ChannelThreads threads;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closeDone = new CountDownLatch(1);

    private IncomingChannel(String channel, MessageHandoff handoff, EndpointActivation activation,
                            ChannelThreads threads) {
        this.channel = channel;
        this.handoff = handoff;
        this.activation = activation;
        this.threads = threads;
    }

    static IncomingChannel open(String channel, TransportConfig config, AdapterScope scope) {
        MessageHandoff handoff = new MessageHandoff(channel);
        EventSource source;
        try {
            source = config.transport().inbound(config.values(), scope);
        } catch (ResourceException e) {
            throw new IllegalStateException("Conduit channel '" + channel + "' could not start consuming: "
                    + e.getMessage(), e);
        }
        EndpointActivation activation = InboundPipeline.assemble(config.transport().id(), source, handoff,
                config.values());
        // Nothing may be in delivery when the activation stops on its own: the stream must still end, or SmallRye's
        // health would keep the channel up.
        activation.whenFailed(handoff::fail);
        ChannelThreads threads = new ChannelThreads(channel);
        IncomingChannel opened = new IncomingChannel(channel, handoff, activation, threads);
        try {
            activation.start(threads);
        } catch (ResourceException e) {
            opened.close();
            throw new IllegalStateException("Conduit channel '" + channel + "' could not start: " + e.getMessage(),
                    e);
        }
        return opened;
    }

    PublisherBuilder<Message<?>> stream(Runnable onEnd) {
        return handoff.stream(onEnd);
    }

    /**
     * Stops consuming: what was not acked is delivered again; returns when the channel's threads ended, also when
     * another thread is closing it (a failed channel closes itself in the background): an application that stops
     * must have handed back what it held before the next instance reads the same group, or that one gets an
     * aggregate's later events before the earlier ones this one still holds.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stopConsuming();
        } else {
            awaitClosed();
        }
    }

    /** Closes it on a thread of its own (the caller may be one of the threads closing waits for); once. */
    void closeInBackground() {
        if (closed.compareAndSet(false, true)) {
            Thread closer = new Thread(this::stopConsuming, "conduit-channel-" + channel + "-closer");
            closer.setDaemon(true);
            closer.start();
        }
    }

    private void stopConsuming() {
        try {
            handoff.close();
            activation.stop(STOP_TIMEOUT);
            if (!threads.awaitGone(Duration.ofSeconds(5))) {
                LOG.warning(() -> "Conduit: threads of channel '" + channel + "' still run after it was closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeDone.countDown();
        }
    }

    private void awaitClosed() {
        try {
            if (!closeDone.await(STOP_TIMEOUT.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning(() -> "Conduit: channel '" + channel + "' is still closing after " + STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
