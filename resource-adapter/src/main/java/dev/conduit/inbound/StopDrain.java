package dev.conduit.inbound;

import java.time.Duration;
import java.util.List;

/**
 * The first step of a graceful stop: the fetchers stop, and the events already fetched are still delivered, for at
 * most a while. A watermark commit can only cover what completed without gaps; events handed back while others
 * after them completed would be delivered again to the group's next consumer, so a graceful undeploy first lets
 * the buffer run empty (in the listeners, under the usual order per aggregate) and hands back only what is left
 * when the time is up.
 */
final class StopDrain {

    private static final Duration CHECK_INTERVAL = Duration.ofMillis(10);

    private final List<AdapterWork> fetchers;
    private final Dispatch dispatch;
    private final StopSignal stop;
    private final Duration limit;

    /**
     * @param fetchers the source's works, watching the fetch signal (which {@code stop} raises too)
     * @param stop     the delivery workers' signal: raised meanwhile (failureStrategy=fail), the drain ends
     */
    StopDrain(List<AdapterWork> fetchers, Dispatch dispatch, StopSignal stop, Duration limit) {
        this.fetchers = List.copyOf(fetchers);
        this.dispatch = dispatch;
        this.stop = stop;
        this.limit = limit;
    }

    /**
     * Stops fetching and waits until nothing is buffered or in a listener, the limit passed, or delivery stopped.
     *
     * @param atMost a bound of the caller's (its own stop timeout) on top of the configured limit
     * @return how many events were still buffered or in a listener at the end
     */
    int run(Duration atMost) {
        fetchers.forEach(AdapterWork::release);
        long deadline = System.nanoTime() + Math.min(limit.toNanos(), atMost.toNanos());
        // The workers signal nothing per event, so this polls the buffer's size: a bounded wait for a condition.
        while (dispatch.size() > 0 && System.nanoTime() - deadline < 0) {
            if (stop.awaitFor(CHECK_INTERVAL)) {
                break;
            }
        }
        return dispatch.size();
    }
}
