package dev.conduit.config;

import java.util.List;

/** Connection-factory options that every transport reads (the shared publisher's bounds). */
public final class OutboundOptions {

    public static final Option<Integer> MAX_IN_FLIGHT = Option.integer("maxInFlight", 10_000, 1, 1_000_000,
            "Publishes not yet acknowledged by the broker, per shared client. When reached, publishers wait up to "
                    + "publishTimeoutMs for room, then get a BackPressureException.").outbound();

    public static final Option<Integer> PUBLISH_TIMEOUT_MS = Option.integer("publishTimeoutMs", 30_000, 1,
            600_000, "How long a publish may wait for room (back-pressure) and for its acknowledgement; an "
                    + "acknowledgement not received by then fails the publish (Kafka: delivery.timeout.ms).").outbound();

    public static final Option<Integer> MAX_MESSAGE_BYTES = Option.integer("maxMessageBytes", 1_048_576, 1,
            64 * 1024 * 1024, "Largest payload accepted; larger messages are refused before anything is sent.")
            .outbound();

    /** The outbound options every transport reads. */
    public static final List<Option<?>> CORE = List.of(MAX_IN_FLIGHT, PUBLISH_TIMEOUT_MS, MAX_MESSAGE_BYTES);

    private OutboundOptions() {
    }
}
