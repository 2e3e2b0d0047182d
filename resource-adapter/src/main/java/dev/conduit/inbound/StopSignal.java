package dev.conduit.inbound;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Tells consumer loops to stop; waits on it (retry back-off) end as soon as it is raised. */
public final class StopSignal {

    private final CountDownLatch raised = new CountDownLatch(1);
    private final StopSignal alsoRaised;

    public StopSignal() {
        this(null);
    }

    /** A signal that raises {@code alsoRaised} too: stopping delivery always stops fetching. */
    public StopSignal(StopSignal alsoRaised) {
        this.alsoRaised = alsoRaised;
    }

    public void raise() {
        raised.countDown();
        if (alsoRaised != null) {
            alsoRaised.raise();
        }
    }

    public boolean isRaised() {
        return raised.getCount() == 0;
    }

    /**
     * Waits up to {@code pause} for this signal or the one it also raises (a graceful stop raises that one first);
     * returns {@code true} if either was raised meanwhile.
     */
    public boolean awaitAnyStopFor(Duration pause) {
        return (alsoRaised == null ? this : alsoRaised).awaitFor(pause);
    }

    /** Waits up to {@code pause}; returns {@code true} if the signal was raised meanwhile. */
    public boolean awaitFor(Duration pause) {
        try {
            return raised.await(pause.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
