package dev.conduit.envelope;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.conduit.api.Envelope;
import dev.conduit.api.EnvelopeHeaders;

/**
 * Maps an {@link Envelope} to wire headers plus body and back. Transport-neutral: Kafka and NATS both carry
 * string headers next to a byte body, so the envelope needs no serialization format of its own.
 */
public final class EnvelopeCodec {

    private EnvelopeCodec() {
    }

    /** The headers that carry the envelope: its metadata, the application headers, then the aggregate id. */
    public static Map<String, String> toHeaders(Envelope envelope) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(EnvelopeHeaders.EVENT_ID, envelope.eventId());
        headers.put(EnvelopeHeaders.EVENT_TYPE, envelope.eventType());
        headers.put(EnvelopeHeaders.EVENT_VERSION, Integer.toString(envelope.eventVersion()));
        headers.put(EnvelopeHeaders.TIMESTAMP, Long.toString(envelope.timestamp().toEpochMilli()));
        if (envelope.traceId() != null) {
            headers.put(EnvelopeHeaders.TRACE_ID, envelope.traceId());
        }
        headers.putAll(envelope.headers());
        String traceParent = envelope.headers().get(TraceParent.HEADER);
        if (traceParent != null) {
            // Set by the application or its tracing (the producer span of this publish): sent as it is.
            TraceParent.checkMatches(traceParent, envelope.traceId());
        } else if (TraceParent.isW3cTraceId(envelope.traceId())) {
            headers.put(TraceParent.HEADER, TraceParent.of(envelope.traceId()));
        }
        if (envelope.aggregateId() != null) {
            // Last on purpose: every consumer looks it up for every record, and Kafka searches headers from the
            // last one, decoding each name it passes.
            headers.put(EnvelopeHeaders.AGGREGATE_ID, envelope.aggregateId());
        }
        return headers;
    }

    public static boolean carriesEnvelope(Map<String, String> headers) {
        return headers.containsKey(EnvelopeHeaders.EVENT_TYPE);
    }

    /**
     * @throws IllegalStateException naming the header when the envelope headers are missing or malformed
     */
    public static Envelope fromWire(Map<String, String> headers, byte[] payload) {
        String type = headers.get(EnvelopeHeaders.EVENT_TYPE);
        if (type == null) {
            throw new IllegalStateException("message carries no envelope: header '" + EnvelopeHeaders.EVENT_TYPE
                    + "' is missing");
        }
        Envelope.Builder builder = Envelope.builder(type)
                .payload(payload)
                .eventId(headers.get(EnvelopeHeaders.EVENT_ID))
                .aggregateId(headers.get(EnvelopeHeaders.AGGREGATE_ID))
                .traceId(traceId(headers))
                .eventVersion(parseInt(headers, EnvelopeHeaders.EVENT_VERSION, 1));
        String time = headers.get(EnvelopeHeaders.TIMESTAMP);
        if (time != null) {
            builder.timestamp(Instant.ofEpochMilli(parseLong(time, EnvelopeHeaders.TIMESTAMP)));
        }
        headers.forEach((name, value) -> {
            // The trace context names the hop that delivered this message, not the event: an envelope published
            // again starts a hop of its own.
            if (!EnvelopeHeaders.isReserved(name) && !TraceParent.isTraceContextHeader(name)) {
                builder.header(name, value);
            }
        });
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("malformed envelope: " + e.getMessage(), e);
        }
    }

    /** The envelope's own trace id, else the one of a W3C traceparent a producer elsewhere sent. */
    private static String traceId(Map<String, String> headers) {
        String own = headers.get(EnvelopeHeaders.TRACE_ID);
        return own != null ? own : TraceParent.traceIdOf(headers.get(TraceParent.HEADER));
    }

    private static int parseInt(Map<String, String> headers, String name, int fallback) {
        String value = headers.get(name);
        return value == null ? fallback : (int) parseLong(value, name);
    }

    private static long parseLong(String value, String name) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("malformed envelope: header '" + name + "' is not a number", e);
        }
    }
}
