package dev.conduit.transport;

import java.util.Map;

import dev.conduit.api.Envelope;
import dev.conduit.envelope.EnvelopeCodec;

/**
 * A message on its way to a broker, already in wire form.
 *
 * @param key       ordering key (Kafka record key), or {@code null}
 * @param messageId id for broker-side de-duplication (NATS {@code Nats-Msg-Id}), or {@code null}
 */
public record OutgoingMessage(String topic, String key, byte[] payload, Map<String, String> headers,
                              String messageId) {

    public static OutgoingMessage raw(String topic, String key, byte[] payload) {
        return new OutgoingMessage(topic, key, payload, Map.of(), null);
    }

    /** The aggregate id becomes the key, so one aggregate always lands in one partition. */
    public static OutgoingMessage of(String topic, Envelope envelope) {
        return new OutgoingMessage(topic, envelope.aggregateId(), envelope.payload(),
                EnvelopeCodec.toHeaders(envelope), envelope.eventId());
    }
}
