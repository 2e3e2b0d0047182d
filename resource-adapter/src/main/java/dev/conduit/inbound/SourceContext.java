package dev.conduit.inbound;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

import dev.conduit.config.ConfigValues;
import dev.conduit.config.InboundOptions;

/**
 * What the pipeline gives a source's fetchers: where to hand events over, how to report the backlog, when to stop.
 *
 * @param name        prefix of the fetchers' thread names, e.g. {@code conduit-kafka-orders}
 * @param stop        when to stop fetching: at a graceful stop raised first, while the workers still deliver what
 *                    was fetched (see {@link StopDrain}); always raised when delivery stops
 * @param workersDone reaches zero when every delivery worker ended (a source may commit what they completed then)
 * @param health      where a fetcher reports a failure that ends the activation
 */
public record SourceContext(String name, ConfigValues config, Dispatch dispatch, CatchUpTracker catchUp,
                            StopSignal stop, CountDownLatch workersDone, ActivationHealth health) {

    /**
     * Ends the activation for a failure that retrying cannot heal (refused credentials, a missing permission, a
     * connection that is gone for good): it stops, commits nothing more, and reports {@code reason}.
     */
    public void fail(String reason) {
        Logger.getLogger(SourceContext.class.getName()).severe(() -> "Conduit: " + name + " stopped consuming: "
                + reason);
        health.fail(reason);
    }

    public List<String> topics() {
        return config.get(InboundOptions.TOPICS);
    }

    public String group() {
        return config.get(InboundOptions.GROUP_ID);
    }

    public int maxPollRecords() {
        return config.get(InboundOptions.MAX_POLL_RECORDS);
    }

    public Duration pollTimeout() {
        return Duration.ofMillis(config.get(InboundOptions.POLL_TIMEOUT_MS));
    }

    /** Most events one fetch of one topic may ask for, so one busy topic cannot take all the buffer. */
    public int fetchSizePerTopic() {
        return Math.max(1, Math.min(maxPollRecords(), dispatch.capacity() / topics().size()));
    }
}
