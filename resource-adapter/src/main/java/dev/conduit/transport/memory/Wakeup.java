package dev.conduit.transport.memory;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wakes a waiting poller: a publish to one of its topics, room in its buffer, or its stop. */
final class Wakeup {

    private final Semaphore signals = new Semaphore(0);

    void signal() {
        if (signals.availablePermits() == 0) {
            signals.release();
        }
    }

    /** Waits up to {@code timeout} for a signal given since the last wait. */
    void await(Duration timeout) throws InterruptedException {
        if (signals.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            signals.drainPermits();
        }
    }
}
