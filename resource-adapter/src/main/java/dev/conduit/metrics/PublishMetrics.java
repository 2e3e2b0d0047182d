package dev.conduit.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

import dev.conduit.api.AdapterMetrics;
import dev.conduit.api.PublisherMetrics;

/**
 * Counters of one shared publisher; LongAdders so many publishing threads never contend on one cache line.
 * Outcomes are counted per topic: a publish looks its topic's counters up once (a lock-free map read; only a
 * topic's first publish creates them), and the totals are the sums, so a publish still updates one counter.
 */
public final class PublishMetrics {

    private final ConcurrentMap<String, TopicCounters> topics = new ConcurrentHashMap<>();
    private final LongAdder rejected = new LongAdder();

    /** The counters of a topic that passed validation (so the map holds only topics that were sent to). */
    public TopicCounters topic(String topic) {
        TopicCounters counters = topics.get(topic);
        return counters != null ? counters : topics.computeIfAbsent(topic, name -> new TopicCounters());
    }

    /** Refused before sending: closed, invalid, too large, or back-pressure timeout. */
    public void rejected() {
        rejected.increment();
    }

    public PublisherMetrics snapshot(int inFlight, int topicsCreated) {
        long published = 0;
        long failed = 0;
        for (TopicCounters counters : topics.values()) {
            published += counters.published.sum();
            failed += counters.failed.sum();
        }
        return new PublisherMetrics(published, failed, rejected.sum(), inFlight, topicsCreated);
    }

    /** Per topic, by name. */
    public List<AdapterMetrics.TopicCounts> byTopic() {
        List<AdapterMetrics.TopicCounts> counts = new ArrayList<>();
        for (Map.Entry<String, TopicCounters> entry : topics.entrySet()) {
            counts.add(new AdapterMetrics.TopicCounts(entry.getKey(), entry.getValue().published.sum(),
                    entry.getValue().failed.sum()));
        }
        counts.sort(Comparator.comparing(AdapterMetrics.TopicCounts::topic));
        return counts;
    }

    /** Outcomes of the publishes to one topic. */
    public static final class TopicCounters {

        private final LongAdder published = new LongAdder();
        private final LongAdder failed = new LongAdder();

        /** The broker acknowledged one message. */
        public void published() {
            published.increment();
        }

        /** The broker refused one message or did not acknowledge it in time. */
        public void failed() {
            failed.increment();
        }
    }
}
