package dev.conduit.inbound;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Catch-up vs. normal mode of an activation. It starts in catch-up mode (a backlog is assumed until measured) and
 * switches to normal once the backlog falls to the threshold; it does not switch back, so a burst does not make it
 * flap. Ordering and delivery guarantees are the same in both modes: the mode tells operators whether the
 * consumer is still working through a backlog.
 */
public final class CatchUpTracker {

    public enum Mode { CATCH_UP, NORMAL }

    private final long threshold;
    private final Map<String, Long> backlogBySource = new ConcurrentHashMap<>();
    private volatile Mode mode = Mode.CATCH_UP;

    public CatchUpTracker(long threshold) {
        this.threshold = threshold;
    }

    /**
     * Called by each poller with its current backlog (consumer lag); {@code buffered} is what the activation holds
     * but has not completed yet.
     */
    public void backlog(String source, long lag, long buffered) {
        backlogBySource.put(source, lag);
        long total = backlog() + buffered;
        if (mode == Mode.CATCH_UP && total <= threshold) {
            mode = Mode.NORMAL;
        }
    }

    public Mode mode() {
        return mode;
    }

    /** The consumer lag last reported by all pollers together, or -1 before the first report. */
    public long backlog() {
        return backlogBySource.isEmpty() ? -1 : backlogBySource.values().stream().mapToLong(Long::longValue).sum();
    }
}
