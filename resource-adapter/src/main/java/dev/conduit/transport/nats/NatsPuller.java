package dev.conduit.transport.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.Message;
import io.nats.client.impl.NatsJetStreamMetaData;

import dev.conduit.inbound.ActivationState;
import dev.conduit.inbound.AdapterWork;
import dev.conduit.inbound.ConsumedEvent;
import dev.conduit.inbound.Dispatch;
import dev.conduit.inbound.Dispatched;
import dev.conduit.inbound.StopSignal;

/**
 * The one puller of a topic's durable JetStream consumer: fetches batches no larger than the room left in the
 * activation's {@link Dispatch} and hands the messages over in stream order. Delivery workers ack a message
 * once it completed; one puller per stream keeps each aggregate's events in stream order.
 */
final class NatsPuller extends AdapterWork {

    private static final Logger LOG = Logger.getLogger(NatsPuller.class.getName());
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);
    private static final Duration FULL_PAUSE = Duration.ofMillis(10);
    private static final Duration LAG_INTERVAL = Duration.ofMillis(500);

    private final ConsumerContext consumer;
    private final int batchSize;
    private final Duration maxWait;
    private final Dispatch dispatch;
    private final ActivationState state;
    private long lastLagCheck;

    NatsPuller(String name, ConsumerContext consumer, int batchSize, Duration maxWait, Dispatch dispatch,
               ActivationState state, StopSignal stop, Runnable onFinished) {
        super(name, stop, onFinished);
        this.consumer = consumer;
        this.batchSize = batchSize;
        this.maxWait = maxWait;
        this.dispatch = dispatch;
        this.state = state;
    }

    @Override
    protected void execute() {
        while (!stop.isRaised()) {
            int room = dispatch.capacity() - dispatch.size();
            if (room <= 0) {
                stop.awaitFor(FULL_PAUSE);
                continue;
            }
            FetchConsumeOptions options = FetchConsumeOptions.builder().maxMessages(Math.min(batchSize, room))
                    .expiresIn(maxWait.toMillis()).build();
            try (FetchConsumer batch = consumer.fetch(options)) {
                Message message;
                while ((message = batch.nextMessage()) != null) {
                    handOver(message);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | JetStreamApiException | JetStreamStatusCheckedException | RuntimeException e) {
                LOG.log(Level.WARNING, "Conduit: fetching from NATS failed; retrying", e);
                stop.awaitFor(ERROR_PAUSE);
            } catch (Exception e) {
                LOG.log(Level.FINE, "Conduit: closing a NATS fetch failed", e);
            }
            measureBacklog();
        }
    }

    private void handOver(Message message) throws InterruptedException {
        Dispatched item = new NatsDispatched(toEvent(message), message);
        while (!dispatch.submit(item, Duration.ofMillis(100))) {
            if (stop.isRaised()) {
                message.nak();
                return;
            }
        }
    }

    private void measureBacklog() {
        long now = System.nanoTime();
        if (now - lastLagCheck < LAG_INTERVAL.toNanos()) {
            return;
        }
        lastLagCheck = now;
        try {
            state.backlog(name(), consumer.getConsumerInfo().getNumPending(), dispatch.size());
        } catch (IOException | JetStreamApiException e) {
            LOG.log(Level.FINE, "Conduit: could not read the NATS consumer's pending count", e);
        }
    }

    static ConsumedEvent toEvent(Message message) {
        NatsJetStreamMetaData meta = message.metaData();
        byte[] data = message.getData() == null ? new byte[0] : message.getData();
        return new ConsumedEvent(message.getSubject(), -1, meta.streamSequence(), null, data,
                NatsHeaderMapping.fromNats(message.getHeaders()), meta.timestamp().toInstant(),
                (int) Math.min(Integer.MAX_VALUE, meta.deliveredCount()));
    }

    /** A message in delivery: acked when completed, handed back (nak) when abandoned. */
    private record NatsDispatched(ConsumedEvent event, Message message) implements Dispatched {
        @Override
        public void completed() {
            message.ack();
        }

        @Override
        public void abandoned() {
            message.nak();
        }

        @Override
        public void keepAlive() {
            message.inProgress();
        }
    }
}
