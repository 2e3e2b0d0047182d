package dev.conduit.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The one way tests wait: poll an observable condition until it holds or a deadline passes. Never a bare sleep
 * standing in for synchronization.
 */
public final class Await {

    private static final Duration DEFAULT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 10;

    private Await() {
    }

    /** Waits until {@code condition} holds; fails naming {@code what} after 60 s. */
    public static void until(BooleanSupplier condition, String what) throws InterruptedException {
        until(condition, DEFAULT, what);
    }

    /** Waits until {@code condition} holds; fails naming {@code what} after {@code timeout}. */
    public static void until(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        if (!within(condition, timeout)) {
            throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
        }
    }

    /**
     * Waits until {@code condition} holds or {@code timeout} passed, and says which: for scenarios that go on to
     * count what did and did not arrive.
     */
    public static boolean within(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }
}
