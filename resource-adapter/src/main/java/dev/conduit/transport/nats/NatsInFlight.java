package dev.conduit.transport.nats;

import io.nats.client.Message;

import dev.conduit.inbound.ConsumedEvent;
import dev.conduit.inbound.InFlightEvent;

/**
 * A JetStream message in delivery: acked when completed; when abandoned it stays held and the puller hands it back
 * with everything else it holds, in stream order, once nothing can be delivered any more; kept alive before each
 * retry.
 */
record NatsInFlight(ConsumedEvent event, HeldMessages.Held hold) implements InFlightEvent {

    /**
     * The event of {@code message} (its reply subject read into {@code reply}), read from {@code topic} (partition -1
     * when the topic is not partitioned).
     */
    static ConsumedEvent toEvent(Message message, JetStreamReply reply, String topic, int partition) {
        byte[] data = message.getData() == null ? new byte[0] : message.getData();
        return new ConsumedEvent(topic == null ? message.getSubject() : topic, partition, reply.streamSequence(), null,
                data, new NatsHeaderView(message.getHeaders()), reply.timestamp(),
                (int) Math.min(Integer.MAX_VALUE, reply.delivered()));
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
