package dev.conduit.inbound;

/** How one event left the delivery loop; {@link #completes()} says whether its offset/ack may be committed. */
public enum DeliveryOutcome {
    /** The listener returned normally. */
    DELIVERED,
    /** The failure strategy stored it in the dead-letter topic. */
    DEAD_LETTERED,
    /** The failure strategy logged and counted it (failureStrategy=ignore). */
    IGNORED,
    /** The failure strategy stopped the activation on it (failureStrategy=fail): not completed. */
    FAILED,
    /** The activation is stopping: not completed, delivered again later. */
    STOPPED;

    public boolean completes() {
        return this == DELIVERED || this == DEAD_LETTERED || this == IGNORED;
    }
}
