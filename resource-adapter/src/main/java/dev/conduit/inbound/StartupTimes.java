package dev.conduit.inbound;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * How long an activation took from its assembly to each start-up step (a fetcher's Work running, its client
 * created, partitions assigned, the first events fetched, the first endpoint ready), each logged once, so a slow
 * first delivery after a deploy shows where its time went.
 */
public final class StartupTimes {

    private static final Logger LOG = Logger.getLogger(StartupTimes.class.getName());

    private final String who;
    private final long assembledAt = System.nanoTime();
    private final Set<String> reached = ConcurrentHashMap.newKeySet();

    public StartupTimes(String who) {
        this.who = who;
    }

    /** Logs {@code step} with the time since assembly the first time it is reached; later calls do nothing. */
    public void reached(String step) {
        if (reached.add(step)) {
            long millis = (System.nanoTime() - assembledAt) / 1_000_000;
            LOG.info(() -> "Conduit: " + who + ": " + step + " " + millis + " ms after activation");
        }
    }
}
