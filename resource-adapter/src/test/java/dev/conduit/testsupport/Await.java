package dev.conduit.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The one way these tests wait, over Awaitility: poll an observable condition until it holds or a deadline passes.
 * Never a bare sleep standing in for synchronization.
 */
public final class Await {

    private static final Duration DEFAULT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(10);

    private Await() {
    }

    /** Waits until {@code condition} holds; fails naming {@code what} after 60 s. */
    public static void until(BooleanSupplier condition, String what) {
        until(condition, DEFAULT, what);
    }

    /** Waits until {@code condition} holds; fails naming {@code what} after {@code timeout}. */
    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL)
                .until(condition::getAsBoolean);
    }

    /**
     * Waits until {@code condition} holds or {@code timeout} passed, and says which: for scenarios that go on to
     * count what did and did not arrive.
     */
    public static boolean within(BooleanSupplier condition, Duration timeout) {
        try {
            until(condition, timeout, "condition");
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }
}
