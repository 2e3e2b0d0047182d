package dev.conduit.metrics;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one endpoint activation. */
public final class ConsumeMetrics {

    private final LongAdder consumed = new LongAdder();
    private final LongAdder failedAttempts = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder ignored = new LongAdder();

    /** The listener returned normally. */
    public void consumed() {
        consumed.increment();
    }

    /** The listener returned normally for a batch of {@code events}. */
    public void consumed(int events) {
        consumed.add(events);
    }

    /** One delivery attempt threw. */
    public void failedAttempt() {
        failedAttempts.increment();
    }

    public void deadLettered() {
        deadLettered.increment();
    }

    /** Given up on and committed without delivery (failureStrategy=ignore). */
    public void ignored() {
        ignored.increment();
    }

    public Snapshot snapshot() {
        return new Snapshot(consumed.sum(), failedAttempts.sum(), deadLettered.sum(), ignored.sum());
    }

    public record Snapshot(long consumed, long failedAttempts, long deadLettered, long ignored) {
    }
}
