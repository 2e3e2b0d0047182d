package dev.conduit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;


/**
 * The real RAR on Payara Micro against a real KRaft broker. The application under test publishes through an
 * injected connection factory and receives in an MDB; this test checks both with plain Kafka clients.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class KafkaInContainerTest {

    @ArquillianResource
    private URL base;

    private AppClient app() {
        return new AppClient(base);
    }

    @Deployment(testable = false)
    static WebArchive application() {
        return TestApplicationArchive.create();
    }

    @Test
    void publishesEnvelopesThroughTheInjectedFactory() throws Exception {
        app().post("events/kafka/it-outbound/envelopes?count=100&prefix=out");

        List<ConsumerRecord<String, String>> records = readAll("it-outbound", 100);
        assertThat(records).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 100).mapToObj(i -> "out-" + i).toList());
        for (ConsumerRecord<String, String> record : records) {
            int index = Integer.parseInt(header(record, "index"));
            assertThat(record.key()).isEqualTo("agg-" + index % 10);
            assertThat(header(record, "aggregateID")).isEqualTo("agg-" + index % 10);
            assertThat(header(record, "eventType")).isEqualTo("TestEvent");
            assertThat(header(record, "eventID")).isNotBlank();
        }
        // One aggregate, one partition, in publish order.
        Map<String, Integer> partitionOf = new HashMap<>();
        Map<String, Integer> lastIndex = new HashMap<>();
        records.sort((a, b) -> Long.compare(a.offset(), b.offset()));
        for (ConsumerRecord<String, String> record : records) {
            assertThat(partitionOf.computeIfAbsent(record.key(), k -> record.partition())).isEqualTo(record.partition());
            int index = Integer.parseInt(header(record, "index"));
            assertThat(index).isGreaterThan(lastIndex.getOrDefault(record.key(), -1));
            lastIndex.put(record.key(), index);
        }
    }

    @Test
    void publishesThroughTheEjbFacade() throws Exception {
        String stored = app().post("events/it-facade/raw?key=k1&value=hello");

        List<ConsumerRecord<String, String>> records = readAll("it-facade", 1);
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("k1");
            assertThat(record.value()).isEqualTo("hello");
            assertThat(record.partition() + "@" + record.offset()).isEqualTo(stored);
        });
    }

    @Test
    void mdbReceivesWhatAPlainProducerSent() throws Exception {
        Set<String> expected = new LinkedHashSet<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties())) {
            for (int i = 0; i < 200; i++) {
                String value = "in-" + i;
                producer.send(new ProducerRecord<>("it-inbound", "k-" + i % 7, value));
                expected.add("k-" + i % 7 + "|" + value + "|-");
            }
            producer.flush();
        }

        app().awaitReceived("it-inbound", 200, Duration.ofSeconds(90));

        assertThat(new HashSet<>(app().received("it-inbound"))).isEqualTo(expected);
    }

    @Test
    void roundTripOfTenThousandEventsLosesNothingAndKeepsAggregateOrder() throws Exception {
        int count = 10_000;
        long start = System.nanoTime();
        String[] published = app().post("events/kafka/it-roundtrip/envelopes?count=" + count + "&prefix=rt").split(" ");
        assertThat(published).hasSize(count + 1);
        long publishMillis = Long.parseLong(published[0]);
        app().awaitReceived("it-roundtrip", count, Duration.ofSeconds(180));
        long totalMillis = (System.nanoTime() - start) / 1_000_000;

        List<String> lines = app().received("it-roundtrip");
        OrderCheck.assertCompleteAndOrdered(lines, count);
        System.out.printf("ROUND TRIP kafka: %d events, publish %d ms, publish->all consumed %d ms = %.0f events/s, "
                + "%d duplicates%n", count, publishMillis, totalMillis, count * 1000.0 / totalMillis,
                lines.size() - count);
    }

    @Test
    void anMdbThatFailsNowAndThenStillSeesEveryAggregateInOrder() throws Exception {
        int count = 2_000;
        app().post("events/kafka/it-flaky/envelopes?count=" + count + "&prefix=fl");

        app().awaitReceived("it-flaky", count, Duration.ofSeconds(120));

        OrderCheck.assertCompleteAndOrdered(app().received("it-flaky"), count);
        assertThat(Integer.parseInt(app().get("events/it-flaky/failures"))).isPositive();
    }
    /**
     * A batch MDB: batches fail now and then (retried) and whenever they hold the poison event (narrowed down):
     * every other event arrives once, in aggregate order, and only the poison is dead-lettered.
     */
    @Test
    void aBatchMdbSeesEveryAggregateInOrderAndOnlyThePoisonIsDeadLettered() throws Exception {
        int count = 2_000;
        app().post("events/kafka/it-batch/envelopes?count=" + count + "&prefix=bt");
        app().post("events/kafka/it-batch/envelopes?count=1&from=" + count + "&prefix=poison");

        app().awaitReceived("it-batch", count, Duration.ofSeconds(120));
        List<ConsumerRecord<String, String>> dead = readAll("it-batch.DLT", 1);

        OrderCheck.assertCompleteAndOrdered(app().received("it-batch"), count);
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo("poison-" + count);
            assertThat(header(record, "conduit.dlt.reason")).contains("cannot handle poison");
        });
        assertThat(Integer.parseInt(app().get("events/it-batch/failures"))).isPositive();
        assertThat(Integer.parseInt(app().get("events/it-batch/largestBatch"))).isGreaterThan(1);
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, InContainerEnvironment.kafka().bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await("records on " + topic).atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        assertThat(records).as("records on %s", topic).hasSize(expected);
        return records;
    }

    private static Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, InContainerEnvironment.kafka().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return record.headers().lastHeader(name) == null ? null
                : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
