package dev.conduit.facade.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import dev.conduit.api.AdapterMetrics;
import dev.conduit.api.PublisherMetrics;

/** What a Prometheus scrape shows for a known snapshot: names, labels and values, in the text format. */
class ConduitCollectorTest {

    /** Labels as the text format writes them: sorted by name. */
    private static final String KAFKA_CLIENT = "client_id=\"orders-service\",servers=\"k1:9092,k2:9092\","
            + "transport=\"kafka\"";

    @Test
    void publishersAreLabelledByTransportServersAndClientIdAndCountedPerTopic() {
        String text = scrape(new AdapterMetrics(List.of(new AdapterMetrics.Publisher("kafka", "k1:9092,k2:9092",
                "orders-service", new PublisherMetrics(8, 1, 2, 3, 2), List.of(
                        new AdapterMetrics.TopicCounts("audit", 3, 0),
                        new AdapterMetrics.TopicCounts("orders", 5, 1)))), List.of()));

        assertThat(text).contains(
                "conduit_published_total{" + kafkaTopic("audit") + "} 3.0\n",
                "conduit_published_total{" + kafkaTopic("orders") + "} 5.0\n",
                "conduit_publish_failed_total{" + kafkaTopic("orders") + "} 1.0\n",
                "conduit_publish_rejected_total{" + KAFKA_CLIENT + "} 2.0\n",
                "conduit_publish_in_flight{" + KAFKA_CLIENT + "} 3.0\n",
                "conduit_topics_created_total{" + KAFKA_CLIENT + "} 2.0\n",
                "# TYPE conduit_published_total counter\n",
                "# TYPE conduit_publish_in_flight gauge\n");
    }

    @Test
    void activationsAreLabelledByTransportTopicAndGroup() {
        String text = scrape(new AdapterMetrics(List.of(), List.of(
                new AdapterMetrics.Activation("nats", List.of("orders"), "billing", "NORMAL", 12, 4, 40, 3, 1, 0),
                new AdapterMetrics.Activation("kafka", List.of("a", "b"), "audit", "CATCH_UP", -1, 0, 7, 0, 0, 2))));

        String billing = "group=\"billing\",topic=\"orders\",transport=\"nats\"";
        String audit = "group=\"audit\",topic=\"a,b\",transport=\"kafka\"";
        assertThat(text).contains(
                "conduit_consumed_total{" + billing + "} 40.0\n",
                "conduit_consume_failed_attempts_total{" + billing + "} 3.0\n",
                "conduit_dead_lettered_total{" + billing + "} 1.0\n",
                "conduit_ignored_total{" + billing + "} 0.0\n",
                "conduit_consumer_lag{" + billing + "} 12.0\n",
                "conduit_consumer_buffered{" + billing + "} 4.0\n",
                "conduit_consumer_mode{" + billing + ",conduit_consumer_mode=\"NORMAL\"} 1\n",
                "conduit_consumer_mode{" + billing + ",conduit_consumer_mode=\"CATCH_UP\"} 0\n",
                "conduit_consumed_total{" + audit + "} 7.0\n",
                "conduit_ignored_total{" + audit + "} 2.0\n",
                "conduit_consumer_mode{" + audit + ",conduit_consumer_mode=\"CATCH_UP\"} 1\n");
        assertThat(text).as("no lag before the first measurement").doesNotContain("conduit_consumer_lag{" + audit);
    }

    @Test
    void entriesWithTheSameLabelsAreAddedUpIntoOneSeries() {
        AdapterMetrics.Publisher pool = new AdapterMetrics.Publisher("kafka", "k1:9092,k2:9092", "orders-service",
                new PublisherMetrics(5, 0, 1, 0, 1), List.of(new AdapterMetrics.TopicCounts("orders", 5, 0)));
        AdapterMetrics.Publisher otherPoolSameClient = new AdapterMetrics.Publisher("kafka", "k1:9092,k2:9092",
                "orders-service", new PublisherMetrics(2, 0, 0, 0, 0),
                List.of(new AdapterMetrics.TopicCounts("orders", 2, 0)));
        String text = scrape(new AdapterMetrics(List.of(pool, otherPoolSameClient), List.of(
                new AdapterMetrics.Activation("nats", List.of("orders"), "billing", "NORMAL", 1, 0, 10, 0, 0, 0),
                new AdapterMetrics.Activation("nats", List.of("orders"), "billing", "CATCH_UP", 2, 0, 5, 0, 0, 0))));

        assertThat(text).contains("conduit_published_total{" + kafkaTopic("orders") + "} 7.0\n",
                "conduit_publish_rejected_total{" + KAFKA_CLIENT + "} 1.0\n");
        String billing = "group=\"billing\",topic=\"orders\",transport=\"nats\"";
        assertThat(text).contains("conduit_consumed_total{" + billing + "} 15.0\n",
                "conduit_consumer_lag{" + billing + "} 3.0\n",
                "conduit_consumer_mode{" + billing + ",conduit_consumer_mode=\"CATCH_UP\"} 1\n");
    }

    @Test
    void anAdapterWithNothingOpenShowsOnlyTheFamilies() {
        String text = scrape(new AdapterMetrics(List.of(), List.of()));

        assertThat(text).doesNotContain("{");
    }

    private static String kafkaTopic(String topic) {
        return "client_id=\"orders-service\",servers=\"k1:9092,k2:9092\",topic=\"" + topic
                + "\",transport=\"kafka\"";
    }

    private static String scrape(AdapterMetrics metrics) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new ConduitCollector(() -> metrics));
        return PrometheusTextFormatWriter.create().toDebugString(registry.scrape());
    }
}
