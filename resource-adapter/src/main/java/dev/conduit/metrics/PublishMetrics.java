package dev.conduit.metrics;

import java.util.concurrent.atomic.LongAdder;

import dev.conduit.api.PublisherMetrics;

/** Counters of one shared publisher; LongAdders so many publishing threads never contend on one cache line. */
public final class PublishMetrics {

    private final LongAdder published = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    public void published() {
        published.increment();
    }

    public void failed() {
        failed.increment();
    }

    /** Refused before sending: closed, invalid, too large, or back-pressure timeout. */
    public void rejected() {
        rejected.increment();
    }

    public PublisherMetrics snapshot(int inFlight, int topicsCreated) {
        return new PublisherMetrics(published.sum(), failed.sum(), rejected.sum(), inFlight, topicsCreated);
    }
}
