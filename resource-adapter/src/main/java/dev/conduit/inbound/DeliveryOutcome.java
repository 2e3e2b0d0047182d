package dev.conduit.inbound;

/** How one event left the delivery loop; DELIVERED and DEAD_LETTERED allow its offset/ack to be committed. */
public enum DeliveryOutcome {
    /** The listener returned normally. */
    DELIVERED,
    /** The listener kept failing (or the event was unacceptable) and the event is stored in the dead-letter topic. */
    DEAD_LETTERED,
    /** The activation is stopping: the event was not completed and must be delivered again later. */
    STOPPED
}
