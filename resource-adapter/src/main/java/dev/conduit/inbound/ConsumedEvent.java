package dev.conduit.inbound;

import java.time.Instant;
import java.util.Map;

import dev.conduit.api.Envelope;
import dev.conduit.api.IncomingEvent;
import dev.conduit.envelope.EnvelopeCodec;

/** A consumed message handed to a listener; transports build one per delivery attempt. */
public record ConsumedEvent(String topic, int partition, long position, String key, byte[] payload,
                            Map<String, String> headers, Instant timestamp, int deliveryAttempt)
        implements IncomingEvent {

    public ConsumedEvent withAttempt(int attempt) {
        return new ConsumedEvent(topic, partition, position, key, payload, headers, timestamp, attempt);
    }

    @Override
    public boolean isEnvelope() {
        return EnvelopeCodec.carriesEnvelope(headers);
    }

    @Override
    public Envelope envelope() {
        return EnvelopeCodec.fromWire(headers, payload);
    }

    @Override
    public String toString() {
        return "IncomingEvent[" + topic + "/" + partition + "@" + position + ", key=" + key + ", "
                + payload.length + " bytes, attempt " + deliveryAttempt + "]";
    }
}
