package dev.conduit.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.api.EventStreamException;
import dev.conduit.api.TopicOptions;
import dev.conduit.outbound.ConduitManagedConnectionFactory;
import dev.conduit.testsupport.RealKafkaAdapterTest;

/** Topic provisioning on a real broker: on demand, once, with the configured options and strategy. */
class KafkaTopicsTest extends RealKafkaAdapterTest {

    @Test
    void concurrentFirstPublishersCreateTheTopicOnceWithItsConfiguredOptions() throws Exception {
        EventStreamConnectionFactory factory = factory(Map.of("topicConfig",
                "*:retentionMs=3600000;fresh:partitions=6,compression=lz4"));
        // Held open for the whole test so the shared client (and its counters) outlives the publishers' handles,
        // as a container's pool does.
        EventStreamConnection observer = factory.getConnection();
        int threads = 32;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> tasks = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int index = i;
            tasks.add(pool.submit(() -> {
                try (EventStreamConnection connection = factory.getConnection()) {
                    start.await();
                    connection.publish("fresh", new byte[] {(byte) index});
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> task : tasks) {
            task.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(observer.metrics().topicsCreated()).isEqualTo(1);
        assertThat(observer.metrics().published()).isEqualTo(threads);
        observer.close();
        try (Admin admin = kafka.admin()) {
            assertThat(admin.describeTopics(Set.of("fresh")).allTopicNames().get().get("fresh").partitions())
                    .hasSize(6);
            Config config = topicConfig(admin, "fresh");
            assertThat(config.get("retention.ms").value()).isEqualTo("3600000");
            assertThat(config.get("compression.type").value()).isEqualTo("lz4");
        }
    }

    @Test
    void validateRefusesAMissingTopicAndCreateOrUpdateAppliesNewOptions() throws Exception {
        try (EventStreamConnection validating = factory(Map.of("topicStrategy", "validate")).getConnection()) {
            assertThatThrownBy(() -> validating.publish("not-there", new byte[1]))
                    .isInstanceOf(EventStreamException.class)
                    .hasMessageContaining("Kafka topic 'not-there' does not exist and topicStrategy=validate");
        }

        try (EventStreamConnection connection = factory(Map.of("topicStrategy", "create-or-update")).getConnection()) {
            connection.configureTopic("evolving", TopicOptions.builder().partitions(2).build());
            connection.publish("evolving", new byte[1]);
            assertThat(connection.topicOptions("evolving").partitions()).isEqualTo(2);

            connection.configureTopic("evolving", TopicOptions.builder().partitions(3)
                    .retention(Duration.ofHours(2)).build());
            connection.publish("evolving", new byte[1]);

            assertThatThrownBy(() -> connection.configureTopic("bad topic", TopicOptions.DEFAULTS))
                    .hasMessageContaining("contains ' '");
        }
        try (Admin admin = kafka.admin()) {
            assertThat(admin.describeTopics(Set.of("evolving")).allTopicNames().get().get("evolving").partitions())
                    .hasSize(3);
            assertThat(topicConfig(admin, "evolving").get("retention.ms").value()).isEqualTo("7200000");
        }
    }

    @Test
    void skipLeavesTopicsToTheBroker() throws Exception {
        try (EventStreamConnection connection = factory(Map.of("topicStrategy", "skip")).getConnection()) {
            connection.publish("auto-created", new byte[1]);
            assertThat(connection.metrics().topicsCreated()).isZero();
        }
        try (Admin admin = kafka.admin()) {
            // The broker's own auto-creation made it, with the broker's default partition count.
            assertThat(admin.describeTopics(Set.of("auto-created")).allTopicNames().get().get("auto-created")
                    .partitions()).hasSize(4);
        }
    }

    private static Config topicConfig(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(Set.of(resource)).all().get().get(resource);
    }

    private EventStreamConnectionFactory factory(Map<String, String> settings) throws Exception {
        ConduitManagedConnectionFactory mcf = new ConduitManagedConnectionFactory();
        mcf.setTransport("kafka");
        mcf.setServers(kafka.bootstrapServers());
        mcf.setClientId("topics-test");
        mcf.setTopicConfig(settings.get("topicConfig"));
        mcf.setTopicStrategy(settings.get("topicStrategy"));
        mcf.setResourceAdapter(adapter);
        return (EventStreamConnectionFactory) mcf.createConnectionFactory();
    }
}
