package dev.conduit.transport.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.Message;
import io.nats.client.impl.NatsJetStreamMetaData;

import dev.conduit.api.EventListener;
import dev.conduit.inbound.ConsumedEvent;
import dev.conduit.inbound.ConsumerWork;
import dev.conduit.inbound.DeliveryOutcome;
import dev.conduit.inbound.EndpointDelivery;
import dev.conduit.inbound.EndpointSource;
import dev.conduit.inbound.StopSignal;

/**
 * One puller of a durable JetStream consumer, on one Work thread: fetches a batch, delivers each message once, and
 * acks it only after the listener returned (or the message was dead-lettered). A failure is nak'ed with the
 * activation's back-off, so the server redelivers it without this thread waiting; {@code maxAckPending} bounds
 * what is in flight.
 */
final class NatsConsumerWork extends ConsumerWork {

    private static final Logger LOG = Logger.getLogger(NatsConsumerWork.class.getName());
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

    private final ConsumerContext consumer;
    private final FetchConsumeOptions fetchOptions;
    private final EndpointDelivery delivery;

    NatsConsumerWork(String name, ConsumerContext consumer, int batchSize, Duration maxWait,
                     EndpointDelivery delivery, EndpointSource endpoints, StopSignal stop, CountDownLatch finished) {
        super(name, endpoints, stop, finished);
        this.consumer = consumer;
        this.fetchOptions = FetchConsumeOptions.builder().maxMessages(batchSize).expiresIn(maxWait.toMillis())
                .build();
        this.delivery = delivery;
    }

    @Override
    protected void consume(EventListener listener) {
        while (!stop.isRaised()) {
            try (FetchConsumer batch = consumer.fetch(fetchOptions)) {
                Message message;
                while ((message = batch.nextMessage()) != null) {
                    handle(listener, message);
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
        }
    }

    private void handle(EventListener listener, Message message) {
        if (stop.isRaised()) {
            // Stopping: hand the rest of the batch back at once instead of after the ack wait.
            message.nak();
            return;
        }
        ConsumedEvent event = toEvent(message);
        DeliveryOutcome outcome = delivery.attemptOnce(listener, event);
        switch (outcome) {
            case DELIVERED, DEAD_LETTERED -> message.ack();
            case RETRY_LATER -> message.nakWithDelay(delivery.retryDelay(event.deliveryAttempt()));
            case STOPPED -> message.nak();
            default -> throw new IllegalStateException("unexpected outcome " + outcome);
        }
    }

    static ConsumedEvent toEvent(Message message) {
        NatsJetStreamMetaData meta = message.metaData();
        byte[] data = message.getData() == null ? new byte[0] : message.getData();
        return new ConsumedEvent(message.getSubject(), -1, meta.streamSequence(), null, data,
                NatsHeaderMapping.fromNats(message.getHeaders()), meta.timestamp().toInstant(),
                (int) Math.min(Integer.MAX_VALUE, meta.deliveredCount()));
    }

    @Override
    protected void wakeUp() {
        // A fetch ends by itself within pollTimeoutMs; the loop then sees the stop signal.
    }
}
