package dev.conduit.ordering;

import dev.conduit.api.EnvelopeHeaders;
import dev.conduit.api.IncomingEvent;

/**
 * Which aggregate an incoming event belongs to: the envelope's aggregate id (header {@code aggregateID}), else the
 * message key (Kafka), else none. Events without one are not ordered relative to each other.
 */
public final class AggregateIds {

    private AggregateIds() {
    }

    public static String of(IncomingEvent event) {
        String fromHeader = event.headers().get(EnvelopeHeaders.AGGREGATE_ID);
        if (fromHeader != null && !fromHeader.isEmpty()) {
            return fromHeader;
        }
        String key = event.key();
        return key == null || key.isEmpty() ? null : key;
    }
}
