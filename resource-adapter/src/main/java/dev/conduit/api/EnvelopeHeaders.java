package dev.conduit.api;

import java.util.Set;

/**
 * The headers that carry an {@link Envelope}'s metadata on the wire. {@code aggregateID} keeps the name the
 * original event bus used, so producers and consumers written against it interoperate.
 */
public final class EnvelopeHeaders {

    public static final String EVENT_ID = "eventID";
    public static final String AGGREGATE_ID = "aggregateID";
    public static final String EVENT_TYPE = "eventType";
    public static final String EVENT_VERSION = "eventVersion";
    /** Milliseconds since the epoch, in decimal. */
    public static final String TIMESTAMP = "eventTime";
    public static final String TRACE_ID = "traceID";

    private static final Set<String> RESERVED = Set.of(EVENT_ID, AGGREGATE_ID, EVENT_TYPE, EVENT_VERSION, TIMESTAMP,
            TRACE_ID);

    private EnvelopeHeaders() {
    }

    public static boolean isReserved(String name) {
        return RESERVED.contains(name);
    }

    public static Set<String> reserved() {
        return RESERVED;
    }
}
