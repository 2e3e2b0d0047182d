package dev.conduit.transport.nats;

import io.nats.client.Message;
import io.nats.client.impl.NatsJetStreamMetaData;

import dev.conduit.inbound.ConsumedEvent;
import dev.conduit.inbound.InFlightEvent;

/**
 * A JetStream message in delivery: acked when completed; when abandoned it stays held and the puller hands it back
 * with everything else it holds, in stream order, once nothing can be delivered any more; kept alive before each
 * retry.
 */
record NatsInFlight(ConsumedEvent event, HeldMessages.Held hold) implements InFlightEvent {

    /** The event of {@code message}, read from {@code topic} (partition -1 when the topic is not partitioned). */
    static ConsumedEvent toEvent(Message message, String topic, int partition) {
        NatsJetStreamMetaData meta = message.metaData();
        byte[] data = message.getData() == null ? new byte[0] : message.getData();
        return new ConsumedEvent(topic == null ? message.getSubject() : topic, partition, meta.streamSequence(), null,
                data,
                new NatsHeaderView(message.getHeaders()), meta.timestamp().toInstant(),
                (int) Math.min(Integer.MAX_VALUE, meta.deliveredCount()));
    }

    @Override
    public void completed() {
        hold.ack();
    }

    @Override
    public void abandoned() {
        hold.abandon();
    }

    @Override
    public void keepAlive() {
        hold.touch(System.nanoTime());
    }
}
