package dev.conduit.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An event with the metadata event-driven applications need: which aggregate it belongs to (ordering key), what
 * happened (type and schema version), when, and which trace it is part of. Immutable; build one with
 * {@link #builder(String)}.
 *
 * <p>On the wire the payload is the message body and the metadata travels in headers (see
 * {@link EnvelopeHeaders}), so plain consumers can read envelopes without this library.
 */
public final class Envelope {

    private final String eventId;
    private final String aggregateId;
    private final String eventType;
    private final int eventVersion;
    private final byte[] payload;
    private final Map<String, String> headers;
    private final Instant timestamp;
    private final String traceId;

    private Envelope(Builder b) {
        this.eventId = b.eventId != null ? b.eventId : UUID.randomUUID().toString();
        this.aggregateId = b.aggregateId;
        this.eventType = b.eventType;
        this.eventVersion = b.eventVersion;
        this.payload = b.payload;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.timestamp = b.timestamp != null ? b.timestamp : Instant.now();
        this.traceId = b.traceId;
    }

    public static Builder builder(String eventType) {
        return new Builder(eventType);
    }

    /** Unique id of this event; publishers use it for de-duplication where the transport supports it. */
    public String eventId() {
        return eventId;
    }

    /** The aggregate this event belongs to, or {@code null}; events of one aggregate are delivered in order. */
    public String aggregateId() {
        return aggregateId;
    }

    public String eventType() {
        return eventType;
    }

    public int eventVersion() {
        return eventVersion;
    }

    /** The payload; the returned array is the envelope's own, do not modify it. */
    public byte[] payload() {
        return payload;
    }

    /** Application headers (never the reserved envelope headers). */
    public Map<String, String> headers() {
        return headers;
    }

    public Instant timestamp() {
        return timestamp;
    }

    /** The trace id, or {@code null}. */
    public String traceId() {
        return traceId;
    }

    public Builder toBuilder() {
        Builder b = new Builder(eventType).eventId(eventId).aggregateId(aggregateId).eventVersion(eventVersion)
                .payload(payload).timestamp(timestamp).traceId(traceId);
        b.headers.putAll(headers);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Envelope other)) {
            return false;
        }
        return eventVersion == other.eventVersion && eventId.equals(other.eventId)
                && Objects.equals(aggregateId, other.aggregateId) && eventType.equals(other.eventType)
                && Arrays.equals(payload, other.payload) && headers.equals(other.headers)
                && timestamp.equals(other.timestamp) && Objects.equals(traceId, other.traceId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, aggregateId, eventType, eventVersion, Arrays.hashCode(payload), timestamp);
    }

    @Override
    public String toString() {
        return "Envelope[eventId=" + eventId + ", aggregateId=" + aggregateId + ", eventType=" + eventType
                + ", eventVersion=" + eventVersion + ", payload=" + payload.length + " bytes, headers="
                + headers.keySet() + ", timestamp=" + timestamp + ", traceId=" + traceId + "]";
    }

    /** Builds an {@link Envelope}; {@code eventType} and {@code payload} are required. */
    public static final class Builder {
        private String eventId;
        private String aggregateId;
        private final String eventType;
        private int eventVersion = 1;
        private byte[] payload;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Instant timestamp;
        private String traceId;

        private Builder(String eventType) {
            this.eventType = eventType;
        }

        public Builder eventId(String eventId) {
            this.eventId = eventId;
            return this;
        }

        public Builder aggregateId(String aggregateId) {
            this.aggregateId = aggregateId;
            return this;
        }

        public Builder eventVersion(int eventVersion) {
            this.eventVersion = eventVersion;
            return this;
        }

        public Builder payload(byte[] payload) {
            this.payload = payload;
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Builder headers(Map<String, String> values) {
            headers.putAll(values);
            return this;
        }

        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder traceId(String traceId) {
            this.traceId = traceId;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the field when the envelope would be invalid
         */
        public Envelope build() {
            if (eventType == null || eventType.isBlank()) {
                throw new IllegalArgumentException("envelope eventType must not be null or blank");
            }
            if (payload == null) {
                throw new IllegalArgumentException("envelope payload must not be null (use an empty array)");
            }
            if (eventVersion < 0) {
                throw new IllegalArgumentException("envelope eventVersion must be >= 0, was " + eventVersion);
            }
            if (eventId != null && eventId.isBlank()) {
                throw new IllegalArgumentException("envelope eventId must not be blank (leave it unset to get a UUID)");
            }
            if (aggregateId != null && aggregateId.isEmpty()) {
                throw new IllegalArgumentException("envelope aggregateId must not be empty (leave it null for none)");
            }
            for (Map.Entry<String, String> header : headers.entrySet()) {
                if (header.getKey() == null || header.getKey().isBlank() || header.getValue() == null) {
                    throw new IllegalArgumentException("envelope header names must be non-blank and values non-null: "
                            + header.getKey());
                }
                if (EnvelopeHeaders.isReserved(header.getKey())) {
                    throw new IllegalArgumentException("envelope header '" + header.getKey()
                            + "' is reserved for the envelope itself; set it through the builder or rename it");
                }
            }
            return new Envelope(this);
        }
    }
}
