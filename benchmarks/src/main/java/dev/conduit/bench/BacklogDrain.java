package dev.conduit.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.conduit.adapter.ConduitResourceAdapter;
import dev.conduit.api.Envelope;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.brokers.EmbeddedKafka;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.testsupport.TestEndpointFactory;

/**
 * Draining a backlog: a topic already holds N envelopes (1,000 aggregates), and a consumer group starts from the
 * beginning. The raw side is one kafka-clients consumer loop with automatic commits; the adapter side is an
 * activation with 4 ordered delivery threads and a listener that only counts. Both join a fresh group, so both
 * pay the group join. One warm-up pass each, then alternating rounds; medians of rates and of per-round ratios.
 */
final class BacklogDrain {

    private static final int ROUNDS = 3;
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    private BacklogDrain() {
    }

    static void compare(ConduitResourceAdapter adapter, EmbeddedKafka kafka, EventStreamConnectionFactory factory,
                        int events) throws Exception {
        pass(adapter, kafka, factory, "warm", events / 5);
        List<double[][]> rounds = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            rounds.add(pass(adapter, kafka, factory, "r" + round, events));
        }
        String[] spans = {"start -> last event", "first -> last event"};
        for (int span = 0; span < spans.length; span++) {
            List<Double> raw = new ArrayList<>();
            List<Double> conduit = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (double[][] rates : rounds) {
                raw.add(rates[0][span]);
                conduit.add(rates[1][span]);
                ratios.add(rates[1][span] / rates[0][span]);
            }
            System.out.printf(Locale.ROOT, "LOAD %-24s raw %,10.0f events/s   adapter %,10.0f events/s   adapter/raw"
                    + " %.2f (%s; medians of %d rounds of %,d)%n", "kafka backlog drain", median(raw),
                    median(conduit), median(ratios), spans[span], ROUNDS, events);
        }
    }

    /** @return {raw rates, adapter rates} (see {@link #rates}), measured in alternating order */
    private static double[][] pass(ConduitResourceAdapter adapter, EmbeddedKafka kafka,
                                 EventStreamConnectionFactory factory, String name, int events) throws Exception {
        String rawTopic = "drain-raw-" + name;
        String adapterTopic = "drain-adapter-" + name;
        kafka.createTopic(rawTopic, 4);
        kafka.createTopic(adapterTopic, 4);
        fill(factory, rawTopic, events);
        fill(factory, adapterTopic, events);
        boolean rawFirst = name.hashCode() % 2 == 0;
        double[] raw = null;
        double[] conduit = null;
        for (int side = 0; side < 2; side++) {
            if ((side == 0) == rawFirst) {
                raw = drainRaw(kafka.bootstrapServers(), rawTopic, events);
            } else {
                conduit = drainAdapter(adapter, kafka.bootstrapServers(), adapterTopic, events);
            }
        }
        return new double[][] {raw, conduit};
    }

    private static void fill(EventStreamConnectionFactory factory, String topic, int events) {
        List<CompletableFuture<?>> acks = new ArrayList<>(events);
        try (EventStreamConnection connection = factory.getConnection()) {
            for (int i = 0; i < events; i++) {
                acks.add(connection.publishEnvelopeAsync(topic, Envelope.builder("Backlog")
                        .aggregateId("agg-" + i % 1_000).payload(new byte[256]).build()).toCompletableFuture());
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        }
    }

    private static double[] drainRaw(String servers, String topic, int events) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "raw-" + topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long start = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long count = 0;
            long first = 0;
            while (count < events) {
                int polled = consumer.poll(Duration.ofMillis(100)).count();
                if (count == 0 && polled > 0) {
                    first = System.nanoTime();
                }
                count += polled;
                checkDeadline(start, topic, count, events);
            }
            return rates(start, first, System.nanoTime(), events);
        }
    }

    private static double[] drainAdapter(ConduitResourceAdapter adapter, String servers, String topic, int events)
            throws Exception {
        LongAdder count = new LongAdder();
        AtomicLong first = new AtomicLong();
        TestEndpointFactory endpoints = new TestEndpointFactory(event -> {
            if (first.get() == 0) {
                first.compareAndSet(0, System.nanoTime());
            }
            count.increment();
        });
        ConduitActivationSpec spec = new ConduitActivationSpec();
        spec.setTransport("kafka");
        spec.setServers(servers);
        spec.setTopics(topic);
        spec.setGroupId("adapter-" + topic);
        spec.setConcurrency("4");
        long start = System.nanoTime();
        adapter.endpointActivation(endpoints, spec);
        try {
            while (count.sum() < events) {
                checkDeadline(start, topic, count.sum(), events);
                Thread.sleep(1);
            }
            return rates(start, first.get(), System.nanoTime(), events);
        } finally {
            adapter.endpointDeactivation(endpoints, spec);
        }
    }

    /** @return {start -> last event, first -> last event}, in events per second */
    private static double[] rates(long start, long first, long last, int events) {
        return new double[] {events / ((last - start) / 1e9), events / ((last - first) / 1e9)};
    }

    private static void checkDeadline(long start, String topic, long count, int events) {
        if (System.nanoTime() - start > DEADLINE.toNanos()) {
            throw new IllegalStateException(topic + ": only " + count + " of " + events + " drained in " + DEADLINE);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }
}
