package dev.conduit.inbound;

/**
 * A consumed event on its way to the listener, with what its transport must do once it is done: commit (Kafka
 * watermark) or ack (NATS) when completed, hand it back when abandoned.
 */
public interface InFlightEvent {

    ConsumedEvent event();

    /** Delivered or dead-lettered: its offset/ack may go to the broker. Called once. */
    void completed();

    /** Not completed (the activation is stopping): the broker must deliver it again. Called once. */
    void abandoned();

    /** Called before each retry, so the broker keeps the event assigned (NATS in-progress). */
    default void keepAlive() {
    }
}
