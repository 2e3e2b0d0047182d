package dev.conduit.transport.kafka;

import static dev.conduit.testsupport.KafkaTestClients.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.testsupport.KafkaTestClients;
import dev.conduit.testsupport.RealKafkaAdapterTest;
import dev.conduit.testsupport.AdapterTest;
import dev.conduit.testsupport.TestEndpointFactory;

/**
 * The inbound path against a real KRaft broker: the adapter's consumers run as Work, deliver to endpoints and
 * commit offsets only past completed events. The container's WorkManager and MDB proxies are stood in for.
 */
class KafkaInboundTest extends RealKafkaAdapterTest {

    @Test
    void retriesAFailingEventInPlaceKeepsKeyOrderAndCommitsEverythingDelivered() throws Exception {
        kafka.createTopic("in-order", 2);
        List<String[]> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            records.add(new String[] {"k" + i % 5, "v-" + i});
        }
        KafkaTestClients.produce(kafka.bootstrapServers(), "in-order", records);
        Queue<IncomingEvent> delivered = new ConcurrentLinkedQueue<>();
        Map<String, Integer> failuresLeft = new HashMap<>(Map.of("v-10", 2));
        EventListener listener = event -> {
            String value = text(event);
            synchronized (failuresLeft) {
                if (failuresLeft.getOrDefault(value, 0) > 0) {
                    failuresLeft.merge(value, -1, Integer::sum);
                    throw new IllegalStateException("transient failure on " + value);
                }
            }
            delivered.add(event);
        };
        TestEndpointFactory endpoints = new TestEndpointFactory(listener);
        ConduitActivationSpec spec = spec("in-order", "g-order");
        spec.setConcurrency("2");

        adapter.endpointActivation(endpoints, spec);
        await(() -> delivered.size() >= 50, "50 deliveries");
        adapter.endpointDeactivation(endpoints, spec);

        assertThat(delivered).extracting(AdapterTest::text).hasSize(50).doesNotHaveDuplicates();
        assertThat(delivered).filteredOn(e -> text(e).equals("v-10")).singleElement()
                .extracting(IncomingEvent::deliveryAttempt).isEqualTo(3);
        Map<String, List<Integer>> byKey = new HashMap<>();
        delivered.forEach(e -> byKey.computeIfAbsent(e.key(), k -> new ArrayList<>())
                .add(Integer.parseInt(text(e).substring(2))));
        assertThat(byKey.values()).allSatisfy(sequence -> assertThat(sequence).isSorted());
        assertThat(committedTotal("g-order")).isEqualTo(50);
        // Deactivation released every endpoint and left no consumer thread running.
        assertThat(endpoints.released()).isEqualTo(endpoints.created()).isEqualTo(2);
        for (Thread thread : context.threadWorkManager().threads()) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(thread.isAlive()).as(thread.getName()).isFalse();
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("conduit-kafka-"));
    }

    /**
     * The consumer group protocol of KIP-848 ({@code group.protocol=consumer}) assigns on the brokers, with no
     * initial rebalance delay; the adapter leaves out its assignor setting for it (kafka-clients refuses one).
     */
    @Test
    void consumesInKeyOrderAndCommitsWithTheConsumerGroupProtocol() throws Exception {
        kafka.createTopic("in-kip848", 2);
        List<String[]> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(new String[] {"k" + i % 4, "v-" + i});
        }
        KafkaTestClients.produce(kafka.bootstrapServers(), "in-kip848", records);
        Queue<IncomingEvent> delivered = new ConcurrentLinkedQueue<>();
        TestEndpointFactory endpoints = new TestEndpointFactory(delivered::add);
        ConduitActivationSpec spec = spec("in-kip848", "g-kip848");
        spec.setConcurrency("2");
        spec.setKafkaProperties("group.protocol=consumer");

        adapter.endpointActivation(endpoints, spec);
        await(() -> delivered.size() >= 40, "40 deliveries");
        adapter.endpointDeactivation(endpoints, spec);

        assertThat(delivered).extracting(AdapterTest::text).hasSize(40).doesNotHaveDuplicates();
        Map<String, List<Integer>> byKey = new HashMap<>();
        delivered.forEach(e -> byKey.computeIfAbsent(e.key(), k -> new ArrayList<>())
                .add(Integer.parseInt(text(e).substring(2))));
        assertThat(byKey.values()).allSatisfy(sequence -> assertThat(sequence).isSorted());
        assertThat(committedTotal("g-kip848")).isEqualTo(40);
    }

    @Test
    void anEventThatKeepsFailingGoesToTheDeadLetterTopicAndTheRestFlows() throws Exception {
        KafkaTestClients.produce(kafka.bootstrapServers(), "in-poison", List.of(
                new String[] {"same", "ok-1"}, new String[] {"same", "poison"}, new String[] {"same", "ok-2"}));
        Queue<String> delivered = new ConcurrentLinkedQueue<>();
        TestEndpointFactory endpoints = new TestEndpointFactory(event -> {
            if (text(event).equals("poison")) {
                throw new IllegalArgumentException("cannot handle poison");
            }
            delivered.add(text(event));
        });
        ConduitActivationSpec spec = spec("in-poison", "g-poison");
        spec.setMaxAttempts("2");

        adapter.endpointActivation(endpoints, spec);
        await(() -> delivered.size() >= 2, "both good events");
        adapter.endpointDeactivation(endpoints, spec);

        assertThat(delivered).containsExactly("ok-1", "ok-2");
        List<ConsumerRecord<String, String>> dead = KafkaTestClients.readAll(kafka.bootstrapServers(),
                "in-poison.DLT", 1);
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("same");
            assertThat(record.value()).isEqualTo("poison");
            assertThat(header(record, "conduit.dlt.topic")).isEqualTo("in-poison");
            assertThat(header(record, "conduit.dlt.position")).isEqualTo("1");
            assertThat(header(record, "conduit.dlt.reason")).isEqualTo("listener failed 2 times; last failure: "
                    + "java.lang.IllegalArgumentException: cannot handle poison");
        });
        assertThat(committedTotal("g-poison")).isEqualTo(3);
    }

    @Test
    void envelopeDeliveryDecodesEnvelopesAndDeadLettersOtherMessagesUntouched() throws Exception {
        kafka.createTopic("in-envelopes", 1);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers()), new org.apache.kafka.common.serialization
                .StringSerializer(), new org.apache.kafka.common.serialization.StringSerializer())) {
            var envelope = new org.apache.kafka.clients.producer.ProducerRecord<>("in-envelopes", "order-1", "{}");
            envelope.headers().add("eventType", bytes("OrderPlaced")).add("aggregateID", bytes("order-1"))
                    .add("eventVersion", bytes("2"));
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("in-envelopes", "x", "not-an-event"));
            producer.send(envelope);
        }
        Queue<IncomingEvent> delivered = new ConcurrentLinkedQueue<>();
        TestEndpointFactory endpoints = new TestEndpointFactory(delivered::add);
        ConduitActivationSpec spec = spec("in-envelopes", "g-envelopes");
        spec.setDelivery("envelope");

        adapter.endpointActivation(endpoints, spec);
        await(() -> !delivered.isEmpty(), "the envelope");
        List<ConsumerRecord<String, String>> dead = KafkaTestClients.readAll(kafka.bootstrapServers(),
                "in-envelopes.DLT", 1);
        adapter.endpointDeactivation(endpoints, spec);

        assertThat(delivered).singleElement().satisfies(event -> {
            assertThat(event.isEnvelope()).isTrue();
            assertThat(event.envelope().eventType()).isEqualTo("OrderPlaced");
            assertThat(event.envelope().aggregateId()).isEqualTo("order-1");
            assertThat(event.envelope().eventVersion()).isEqualTo(2);
        });
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo("not-an-event");
            assertThat(header(record, "conduit.dlt.reason")).startsWith("not an envelope");
        });
    }

    @Test
    void stoppingDuringRetriesLeavesTheEventUncommittedSoItIsDeliveredAgain() throws Exception {
        kafka.createTopic("in-stuck", 1);
        KafkaTestClients.produce(kafka.bootstrapServers(), "in-stuck", List.of(
                new String[] {"a", "first"}, new String[] {"a", "stuck"}));
        Queue<String> delivered = new ConcurrentLinkedQueue<>();
        CountDownLatch failedOnce = new CountDownLatch(1);
        TestEndpointFactory failing = failingOn("stuck", failedOnce, delivered);
        ConduitActivationSpec spec = retryingForAMinute(spec("in-stuck", "g-stuck"));

        adapter.endpointActivation(failing, spec);
        assertThat(failedOnce.await(60, TimeUnit.SECONDS)).isTrue();
        long stopStart = System.nanoTime();
        adapter.endpointDeactivation(failing, spec);
        // The minute-long back-off did not hold up the undeploy.
        assertThat(Duration.ofNanos(System.nanoTime() - stopStart)).isLessThan(Duration.ofSeconds(20));
        assertThat(delivered).containsExactly("first");
        assertThat(committedTotal("g-stuck")).isEqualTo(1);

        Queue<String> redelivered = new ConcurrentLinkedQueue<>();
        TestEndpointFactory healthy = new TestEndpointFactory(event -> redelivered.add(text(event)));
        ConduitActivationSpec again = spec("in-stuck", "g-stuck");
        adapter.endpointActivation(healthy, again);
        await(() -> !redelivered.isEmpty(), "the stuck event again");
        adapter.endpointDeactivation(healthy, again);

        assertThat(redelivered).containsExactly("stuck");
        assertThat(committedTotal("g-stuck")).isEqualTo(2);
    }

    /**
     * A graceful stop while an early record is retrying: records of other aggregates after it were processed, but
     * the commit can only go up to the retrying one. The commit records them as completed, and the next member of
     * the group delivers only what was not processed: the stuck aggregate, from the stuck record on, in order.
     */
    @Test
    void theNextOwnerDoesNotDeliverAgainWhatCompletedBehindAGap() throws Exception {
        kafka.createTopic("in-gap", 1);
        List<String[]> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(new String[] {"stuck", "stuck-" + i});
            records.add(new String[] {"free", "free-" + i});
        }
        KafkaTestClients.produce(kafka.bootstrapServers(), "in-gap", records);
        Queue<String> firstRun = new ConcurrentLinkedQueue<>();
        CountDownLatch failedOnce = new CountDownLatch(1);
        TestEndpointFactory failing = failingOn("stuck-5", failedOnce, firstRun);
        ConduitActivationSpec spec = retryingForAMinute(spec("in-gap", "g-gap"));
        spec.setConcurrency("2");
        adapter.endpointActivation(failing, spec);
        assertThat(failedOnce.await(60, TimeUnit.SECONDS)).isTrue();
        await(() -> firstRun.containsAll(records.stream().map(r -> r[1]).filter(v -> v.startsWith("free")).toList()),
                "every record of the free aggregate processed");
        adapter.endpointDeactivation(failing, spec);
        // stuck-5 is at offset 10: the commit stops there.
        assertThat(committedTotal("g-gap")).isEqualTo(10);

        Queue<String> secondRun = new ConcurrentLinkedQueue<>();
        TestEndpointFactory healthy = new TestEndpointFactory(event -> secondRun.add(text(event)));
        ConduitActivationSpec again = spec("in-gap", "g-gap");
        adapter.endpointActivation(healthy, again);
        await(() -> secondRun.contains("stuck-19"), "the stuck aggregate's last record");
        adapter.endpointDeactivation(healthy, again);
        assertThat(committedTotal("g-gap")).isEqualTo(40);

        List<String> expected = new ArrayList<>();
        for (int i = 5; i < 20; i++) {
            expected.add("stuck-" + i);
        }
        assertThat(secondRun).as("only what the first member had not processed, in order")
                .containsExactlyElementsOf(expected);
    }

    /**
     * Undeploying while the poller is held back by a full buffer (slow listeners, consumer paused): what was not
     * delivered is not committed, and the next activation delivers it, in key order.
     */
    @Test
    void stoppingWhileHeldBackByAFullBufferLosesNothing() throws Exception {
        kafka.createTopic("in-full", 2);
        List<String[]> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            records.add(new String[] {"k" + i % 10, "k" + i % 10 + "-" + i / 10});
        }
        KafkaTestClients.produce(kafka.bootstrapServers(), "in-full", records);
        CountDownLatch gate = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger inListener = new java.util.concurrent.atomic.AtomicInteger();
        Queue<String> firstRun = new ConcurrentLinkedQueue<>();
        TestEndpointFactory slow = new TestEndpointFactory(event -> {
            firstRun.add(text(event));
            inListener.incrementAndGet();
            gate.await(30, TimeUnit.SECONDS);
        });
        ConduitActivationSpec spec = spec("in-full", "g-full");
        spec.setConcurrency("2");
        spec.setMaxPollRecords("5");
        spec.setMaxBufferedEvents("10");
        adapter.endpointActivation(slow, spec);
        await(() -> inListener.get() >= 2, "both workers in the listener");
        Thread undeploy = new Thread(() -> adapter.endpointDeactivation(slow, spec), "undeploy");
        undeploy.start();
        gate.countDown();
        undeploy.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(firstRun.size()).as("stopped while held back").isLessThan(300);
        assertThat(committedTotal("g-full")).isLessThanOrEqualTo(firstRun.size());

        Queue<String> secondRun = new ConcurrentLinkedQueue<>();
        ConduitActivationSpec again = spec("in-full", "g-full");
        TestEndpointFactory healthy = new TestEndpointFactory(event -> secondRun.add(text(event)));
        adapter.endpointActivation(healthy, again);
        Set<String> all = records.stream().map(r -> r[1]).collect(java.util.stream.Collectors.toSet());
        Set<String> seen = ConcurrentHashMap.newKeySet();
        await(() -> {
            seen.addAll(firstRun);
            seen.addAll(secondRun);
            return seen.containsAll(all);
        }, "every record in one of the two runs");
        adapter.endpointDeactivation(healthy, again);
        assertThat(committedTotal("g-full")).isEqualTo(300);
        for (Queue<String> run : List.of(firstRun, secondRun)) {
            Map<String, Integer> last = new HashMap<>();
            for (String value : run) {
                String[] keyAndSeq = value.split("-");
                int seq = Integer.parseInt(keyAndSeq[1]);
                assertThat(seq).as("key order within a run: " + value)
                        .isGreaterThan(last.getOrDefault(keyAndSeq[0], -1));
                last.put(keyAndSeq[0], seq);
            }
        }
    }

    /** A listener that fails on the event {@code value} (counting down {@code failed}) and records the others. */
    private static TestEndpointFactory failingOn(String value, CountDownLatch failed, Queue<String> delivered) {
        return new TestEndpointFactory(event -> {
            if (text(event).equals(value)) {
                failed.countDown();
                throw new IllegalStateException("downstream unavailable");
            }
            delivered.add(text(event));
        });
    }

    /** A failing event stays in its retries (a minute's back-off) until the activation stops. */
    private static ConduitActivationSpec retryingForAMinute(ConduitActivationSpec spec) {
        spec.setMaxAttempts("100");
        spec.setRetryBackoffMs("60000");
        return spec;
    }

    private static ConduitActivationSpec spec(String topic, String group) {
        ConduitActivationSpec spec = new ConduitActivationSpec();
        spec.setTransport("kafka");
        spec.setServers(kafka.bootstrapServers());
        spec.setTopics(topic);
        spec.setGroupId(group);
        spec.setRetryBackoffMs("10");
        spec.setPollTimeoutMs("100");
        return spec;
    }

    private static long committedTotal(String group) throws Exception {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
