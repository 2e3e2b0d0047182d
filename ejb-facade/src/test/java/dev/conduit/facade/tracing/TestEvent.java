package dev.conduit.facade.tracing;

import java.time.Instant;
import java.util.Map;

import dev.conduit.api.Envelope;
import dev.conduit.api.IncomingEvent;

/** A consumed message as the adapter hands it to a listener: topic, position and wire headers. */
record TestEvent(String topic, int partition, long position, Map<String, String> headers) implements IncomingEvent {

    @Override
    public String key() {
        return null;
    }

    @Override
    public byte[] payload() {
        return new byte[0];
    }

    @Override
    public Instant timestamp() {
        return Instant.EPOCH;
    }

    @Override
    public int deliveryAttempt() {
        return 1;
    }

    @Override
    public boolean isEnvelope() {
        return false;
    }

    @Override
    public Envelope envelope() {
        throw new IllegalStateException("not needed by the tracing");
    }
}
