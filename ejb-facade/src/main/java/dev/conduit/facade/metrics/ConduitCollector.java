package dev.conduit.facade.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot.StateSetDataPointSnapshot;

import dev.conduit.api.AdapterMetrics;

/**
 * Turns the adapter's {@link AdapterMetrics} into Prometheus metric families at each scrape: nothing is registered
 * per client or activation, so MDBs and pools that come and go need no bookkeeping here. Publishers are labelled
 * {@code transport, servers, client_id} (plus {@code topic} where counted per topic), activations
 * {@code transport, topic, group} ({@code topic} lists an activation's topics comma-separated). Entries with the
 * same labels (two pools on the same brokers and client id, two MDBs of one group) are added up, since a scrape
 * may not show one series twice.
 */
public final class ConduitCollector implements MultiCollector {

    static final String PUBLISHED = "conduit_published";
    static final String PUBLISH_FAILED = "conduit_publish_failed";
    static final String PUBLISH_REJECTED = "conduit_publish_rejected";
    static final String PUBLISH_IN_FLIGHT = "conduit_publish_in_flight";
    static final String TOPICS_CREATED = "conduit_topics_created";
    static final String CONSUMED = "conduit_consumed";
    static final String FAILED_ATTEMPTS = "conduit_consume_failed_attempts";
    static final String DEAD_LETTERED = "conduit_dead_lettered";
    static final String IGNORED = "conduit_ignored";
    static final String LAG = "conduit_consumer_lag";
    static final String BUFFERED = "conduit_consumer_buffered";
    static final String MODE = "conduit_consumer_mode";

    private final Supplier<AdapterMetrics> source;

    /** @param source asked once per scrape */
    public ConduitCollector(Supplier<AdapterMetrics> source) {
        this.source = source;
    }

    @Override
    public MetricSnapshots collect() {
        AdapterMetrics metrics = source.get();
        Family published = new Family();
        Family publishFailed = new Family();
        Family rejected = new Family();
        Family inFlight = new Family();
        Family topicsCreated = new Family();
        for (AdapterMetrics.Publisher publisher : metrics.publishers()) {
            Labels client = Labels.of("transport", publisher.transport(), "servers", publisher.servers(),
                    "client_id", publisher.clientId());
            for (AdapterMetrics.TopicCounts topic : publisher.topics()) {
                Labels labels = client.add("topic", topic.topic());
                published.add(labels, topic.published());
                publishFailed.add(labels, topic.failed());
            }
            rejected.add(client, publisher.totals().rejected());
            inFlight.add(client, publisher.totals().inFlight());
            topicsCreated.add(client, publisher.totals().topicsCreated());
        }
        Family consumed = new Family();
        Family failedAttempts = new Family();
        Family deadLettered = new Family();
        Family ignored = new Family();
        Family lag = new Family();
        Family buffered = new Family();
        Map<Labels, Boolean> catchingUp = new LinkedHashMap<>();
        for (AdapterMetrics.Activation activation : metrics.activations()) {
            Labels labels = Labels.of("transport", activation.transport(),
                    "topic", String.join(",", activation.topics()), "group", activation.group());
            consumed.add(labels, activation.consumed());
            failedAttempts.add(labels, activation.failedAttempts());
            deadLettered.add(labels, activation.deadLettered());
            ignored.add(labels, activation.ignored());
            if (activation.lag() >= 0) {
                lag.add(labels, activation.lag());
            }
            buffered.add(labels, activation.buffered());
            catchingUp.merge(labels, "CATCH_UP".equals(activation.mode()), Boolean::logicalOr);
        }
        return MetricSnapshots.of(
                published.counter(PUBLISHED, "Events the broker acknowledged, per publishing client and topic"),
                publishFailed.counter(PUBLISH_FAILED,
                        "Events the broker refused or did not acknowledge within publishTimeoutMs"),
                rejected.counter(PUBLISH_REJECTED, "Publishes refused before sending: invalid topic, too large, "
                        + "publisher closed, or no room within publishTimeoutMs (back-pressure)"),
                inFlight.gauge(PUBLISH_IN_FLIGHT, "Publishes sent and not acknowledged yet"),
                topicsCreated.counter(TOPICS_CREATED, "Topics or streams the publishing client created on first use"),
                consumed.counter(CONSUMED, "Events the MDB completed, per activation"),
                failedAttempts.counter(FAILED_ATTEMPTS, "Delivery attempts in which the MDB threw"),
                deadLettered.counter(DEAD_LETTERED, "Events sent to the dead-letter topic after the last attempt"),
                ignored.counter(IGNORED, "Events given up on without delivery (failureStrategy=ignore)"),
                lag.gauge(LAG, "Events on the brokers not fetched yet, at the last measurement"),
                buffered.gauge(BUFFERED, "Events fetched and not completed yet (queued or in the MDB)"),
                mode(catchingUp));
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(PUBLISHED, PUBLISH_FAILED, PUBLISH_REJECTED, PUBLISH_IN_FLIGHT, TOPICS_CREATED, CONSUMED,
                FAILED_ATTEMPTS, DEAD_LETTERED, IGNORED, LAG, BUFFERED, MODE);
    }

    private static MetricSnapshot mode(Map<Labels, Boolean> catchingUp) {
        StateSetSnapshot.Builder mode = StateSetSnapshot.builder().name(MODE)
                .help("CATCH_UP while an activation works through its first backlog, then NORMAL");
        catchingUp.forEach((labels, catchUp) -> mode.dataPoint(StateSetDataPointSnapshot.builder().labels(labels)
                .state("CATCH_UP", catchUp).state("NORMAL", !catchUp).build()));
        return mode.build();
    }

    /** The values of one metric family by label set, adding up entries with equal labels. */
    private static final class Family {

        private final Map<Labels, Double> values = new LinkedHashMap<>();

        void add(Labels labels, double value) {
            values.merge(labels, value, Double::sum);
        }

        MetricSnapshot counter(String name, String help) {
            CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name).help(help);
            values.forEach((labels, value) -> counter.dataPoint(CounterDataPointSnapshot.builder().labels(labels)
                    .value(value).build()));
            return counter.build();
        }

        MetricSnapshot gauge(String name, String help) {
            GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
            values.forEach((labels, value) -> gauge.dataPoint(GaugeDataPointSnapshot.builder().labels(labels)
                    .value(value).build()));
            return gauge.build();
        }
    }
}
