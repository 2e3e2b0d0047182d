package dev.conduit.api;

import java.time.Instant;
import java.util.Map;

/** A consumed message as a listener sees it: the raw record, and its envelope when it carries one. */
public interface IncomingEvent {

    String topic();

    /** Kafka partition; {@code -1} on NATS. */
    int partition();

    /** Kafka offset or JetStream stream sequence. */
    long position();

    /** The message key (Kafka) or {@code null}. */
    String key();

    byte[] payload();

    /** All headers, envelope headers included. A repeated header keeps its last value. */
    Map<String, String> headers();

    Instant timestamp();

    /** 1 on first delivery; higher when this event is being retried after the listener failed. */
    int deliveryAttempt();

    /** {@code true} when the headers carry an envelope (at least an event type). */
    boolean isEnvelope();

    /**
     * The envelope carried by this message.
     *
     * @throws IllegalStateException when {@link #isEnvelope()} is false or the envelope headers are malformed
     */
    Envelope envelope();
}
