package dev.conduit.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.JetStream;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.conduit.adapter.ConduitResourceAdapter;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.api.PublishResult;
import dev.conduit.brokers.EmbeddedKafka;
import dev.conduit.brokers.NatsServer;
import dev.conduit.config.Direction;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.outbound.ConduitManagedConnectionFactory;
import dev.conduit.testsupport.TestBootstrapContext;
import dev.conduit.testsupport.TestEndpointFactory;
import dev.conduit.transport.OptionCatalog;
import dev.conduit.transport.kafka.KafkaSettings;

/**
 * End-to-end load on embedded brokers, adapter vs. raw client in one run, per transport:
 * <ol>
 * <li>publish throughput: N messages of 256 bytes, pipelined (raw client with the same settings and the same
 * in-flight bound vs. the adapter's pooled connection), best of two interleaved passes;</li>
 * <li>publish -> consume latency at a fixed rate (raw consumer loop vs. the adapter's activation with ordered
 * delivery on 4 workers), p50 / p99 / max;</li>
 * <li>draining a Kafka backlog ({@link BacklogDrain}).</li>
 * </ol>
 * Each side gets a discarded warm-up pass, and latency runs start only after the consumer received a start
 * marker. Figures are ratios from one run on one machine; both sides share the broker and the JVM.
 */
public final class LoadHarness {

    private static final int PAYLOAD = 256;
    /** Measured publish passes per side, interleaved raw/adapter; the best of each is reported. */
    private static final int ROUNDS = 2;
    private static final int IN_FLIGHT = 10_000;
    private static final int RATE = 5_000;
    private static final Duration LATENCY_RUN = Duration.ofSeconds(4);

    public static void main(String[] args) throws Exception {
        int messages = Integer.getInteger("load.messages", 200_000);
        ConduitResourceAdapter adapter = new ConduitResourceAdapter();
        adapter.start(new TestBootstrapContext());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(4); NatsServer nats = NatsServer.start()) {
            kafka.createTopic("load-raw", 4);
            kafka.createTopic("load-adapter", 4);
            kafka.createTopic("lat-raw", 4);
            kafka.createTopic("lat-adapter", 4);
            EventStreamConnectionFactory kafkaFactory = factory(adapter, "kafka", kafka.bootstrapServers());
            EventStreamConnectionFactory natsFactory = factory(adapter, "nats", nats.url());
            // Held for the whole run, as a container's pool holds connections: the shared clients stay open
            // between passes instead of reconnecting for each.
            EventStreamConnection kafkaAnchor = kafkaFactory.getConnection();
            EventStreamConnection natsAnchor = natsFactory.getConnection();

            BacklogDrain.compare(adapter, kafka, kafkaFactory, Integer.getInteger("load.backlog", 100_000));
            comparePublish("kafka publish", count -> rawKafkaPublish(kafka.bootstrapServers(), count),
                    count -> adapterPublish(kafkaFactory, "load-adapter", count), messages);
            comparePublish("nats publish", count -> rawNatsPublish(nats.url(), count),
                    count -> adapterPublish(natsFactory, "load.adapter", count), messages);

            Latencies kafkaRawLatency = rawKafkaLatency(kafka.bootstrapServers());
            Latencies kafkaAdapterLatency = adapterLatency(adapter, kafkaFactory, "kafka", kafka.bootstrapServers(),
                    "lat-adapter");
            reportLatency("kafka publish->consume", kafkaRawLatency, kafkaAdapterLatency);
            Latencies natsRawLatency = rawNatsLatency(nats.url());
            Latencies natsAdapterLatency = adapterLatency(adapter, natsFactory, "nats", nats.url(), "lat.adapter");
            reportLatency("nats publish->consume", natsRawLatency, natsAdapterLatency);
            kafkaAnchor.close();
            natsAnchor.close();
        } finally {
            adapter.stop();
        }
    }

    private static EventStreamConnectionFactory factory(ConduitResourceAdapter adapter, String transport,
                                                        String servers) throws Exception {
        ConduitManagedConnectionFactory mcf = new ConduitManagedConnectionFactory();
        mcf.setTransport(transport);
        mcf.setServers(servers);
        mcf.setClientId("load-" + transport);
        mcf.setMaxInFlight(Integer.toString(IN_FLIGHT));
        mcf.setResourceAdapter(adapter);
        return (EventStreamConnectionFactory) mcf.createConnectionFactory();
    }

    // ---- publish throughput

    private interface PublishPass {
        double run(int messages) throws Exception;
    }

    /** A discarded warm-up pass each (JIT, connections, topic metadata), then interleaved measured passes. */
    private static void comparePublish(String what, PublishPass raw, PublishPass adapter, int messages)
            throws Exception {
        raw.run(messages / 4);
        adapter.run(messages / 4);
        double bestRaw = 0;
        double bestAdapter = 0;
        for (int round = 0; round < ROUNDS; round++) {
            bestRaw = Math.max(bestRaw, raw.run(messages));
            bestAdapter = Math.max(bestAdapter, adapter.run(messages));
        }
        report(what, bestRaw, bestAdapter, "msg/s");
    }

    private static double rawKafkaPublish(String servers, int messages) throws Exception {
        Properties props = KafkaSettings.producer(OptionCatalog.configure(Direction.OUTBOUND,
                Map.of("transport", "kafka", "servers", servers, "clientId", "raw")).values());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            Semaphore inFlight = new Semaphore(IN_FLIGHT);
            CountDownLatch done = new CountDownLatch(messages);
            byte[] payload = new byte[PAYLOAD];
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                inFlight.acquire();
                producer.send(new ProducerRecord<>("load-raw", null, payload), (metadata, failure) -> {
                    inFlight.release();
                    done.countDown();
                });
            }
            done.await();
            return messages / seconds(start);
        }
    }

    private static double rawNatsPublish(String url, int messages) throws Exception {
        try (Connection connection = Nats.connect(url)) {
            connection.jetStreamManagement().addStream(StreamConfiguration.builder().name("load_raw")
                    .subjects("load.raw").storageType(StorageType.File).build());
            JetStream jetStream = connection.jetStream();
            Semaphore inFlight = new Semaphore(IN_FLIGHT);
            CountDownLatch done = new CountDownLatch(messages);
            byte[] payload = new byte[PAYLOAD];
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                inFlight.acquire();
                jetStream.publishAsync("load.raw", payload).whenComplete((ack, failure) -> {
                    inFlight.release();
                    done.countDown();
                });
            }
            done.await();
            return messages / seconds(start);
        }
    }

    private static double adapterPublish(EventStreamConnectionFactory factory, String topic, int messages) {
        byte[] payload = new byte[PAYLOAD];
        try (EventStreamConnection connection = factory.getConnection()) {
            connection.publish(topic, payload);
            List<CompletableFuture<PublishResult>> acks = new ArrayList<>(messages);
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                acks.add(connection.publishAsync(topic, null, payload).toCompletableFuture());
            }
            acks.forEach(CompletableFuture::join);
            return messages / seconds(start);
        }
    }

    // ---- latency at a fixed rate

    private static Latencies rawKafkaLatency(String servers) throws Exception {
        Latencies latencies = new Latencies(expected());
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "raw-latency");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Thread consumer = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                kafka.subscribe(List.of("lat-raw"));
                while (!latencies.complete()) {
                    for (ConsumerRecord<byte[], byte[]> record : kafka.poll(Duration.ofMillis(100))) {
                        latencies.record(record.value());
                    }
                    kafka.commitSync();
                }
            }
        }, "raw-kafka-consumer");
        consumer.start();
        Properties producerProps = KafkaSettings.producer(OptionCatalog.configure(Direction.OUTBOUND,
                Map.of("transport", "kafka", "servers", servers, "clientId", "raw-lat")).values());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("lat-raw", timestamped(-1)));
            latencies.awaitReady();
            atFixedRate(payload -> producer.send(new ProducerRecord<>("lat-raw",
                    key(payload).getBytes(java.nio.charset.StandardCharsets.UTF_8), payload)));
        }
        latencies.await();
        consumer.join();
        return latencies;
    }

    private static Latencies rawNatsLatency(String url) throws Exception {
        Latencies latencies = new Latencies(expected());
        try (Connection connection = Nats.connect(url)) {
            connection.jetStreamManagement().addStream(StreamConfiguration.builder().name("lat_raw")
                    .subjects("lat.raw").storageType(StorageType.File).build());
            ConsumerContext context = connection.getStreamContext("lat_raw").createOrUpdateConsumer(
                    ConsumerConfiguration.builder().durable("raw").ackPolicy(AckPolicy.Explicit).build());
            Thread consumer = new Thread(() -> {
                try {
                    while (!latencies.complete()) {
                        try (FetchConsumer batch = context.fetch(FetchConsumeOptions.builder().maxMessages(500)
                                .expiresIn(1_000).build())) {
                            Message message;
                            while ((message = batch.nextMessage()) != null) {
                                latencies.record(message.getData());
                                message.ack();
                            }
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "raw-nats-consumer");
            consumer.start();
            JetStream jetStream = connection.jetStream();
            jetStream.publish("lat.raw", timestamped(-1));
            latencies.awaitReady();
            atFixedRate(payload -> jetStream.publishAsync("lat.raw", payload));
            latencies.await();
            consumer.join();
        }
        return latencies;
    }

    private static Latencies adapterLatency(ConduitResourceAdapter adapter, EventStreamConnectionFactory factory,
                                            String transport, String servers, String topic) throws Exception {
        Latencies latencies = new Latencies(expected());
        TestEndpointFactory endpoints = new TestEndpointFactory(event -> latencies.record(event.payload()));
        ConduitActivationSpec spec = new ConduitActivationSpec();
        spec.setTransport(transport);
        spec.setServers(servers);
        spec.setTopics(topic);
        spec.setGroupId("adapter-latency");
        spec.setConcurrency("4");
        try (EventStreamConnection connection = factory.getConnection()) {
            connection.publish(topic, timestamped(-1));
            adapter.endpointActivation(endpoints, spec);
            latencies.awaitReady();
            atFixedRate(payload -> connection.publishAsync(topic, key(payload), payload));
            latencies.await();
        } finally {
            adapter.endpointDeactivation(endpoints, spec);
        }
        return latencies;
    }

    private interface Sender {
        void send(byte[] payload) throws Exception;
    }

    /** Sends {@link #RATE} messages per second for {@link #LATENCY_RUN}, each stamped with its send time. */
    private static void atFixedRate(Sender sender) throws Exception {
        long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
        long start = System.nanoTime();
        for (int i = 0; i < expected(); i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            sender.send(timestamped(i));
        }
    }

    private static int expected() {
        return (int) (RATE * LATENCY_RUN.toSeconds());
    }

    private static byte[] timestamped(int sequence) {
        return ByteBuffer.allocate(PAYLOAD).putLong(System.nanoTime()).putInt(sequence).array();
    }

    /** 100 keys (aggregates), so ordered delivery has parallelism to use. */
    private static String key(byte[] payload) {
        return "k" + Math.floorMod(ByteBuffer.wrap(payload).getInt(8), 100);
    }

    /** Publish->consume latencies of the stamped messages (sequence >= 0), first delivery each. */
    private static final class Latencies {
        private final AtomicLongArray nanos;
        private final AtomicInteger received = new AtomicInteger();
        private final CountDownLatch all = new CountDownLatch(1);
        private final CountDownLatch ready = new CountDownLatch(1);

        Latencies(int expected) {
            nanos = new AtomicLongArray(expected);
        }

        void record(byte[] payload) {
            long now = System.nanoTime();
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            long sent = buffer.getLong();
            int sequence = buffer.getInt();
            if (sequence < 0) {
                ready.countDown();
                return;
            }
            if (nanos.compareAndSet(sequence, 0, now - sent)
                    && received.incrementAndGet() == nanos.length()) {
                all.countDown();
            }
        }

        /** Waits until the consumer received the start marker: it is subscribed, assigned and caught up. */
        void awaitReady() throws InterruptedException {
            if (!ready.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the consumer did not receive the start marker");
            }
        }

        boolean complete() {
            return all.getCount() == 0;
        }

        void await() throws InterruptedException {
            if (!all.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("only " + received.get() + " of " + nanos.length() + " arrived");
            }
        }

        long percentileMicros(double percentile) {
            long[] sorted = new long[nanos.length()];
            for (int i = 0; i < sorted.length; i++) {
                sorted[i] = nanos.get(i);
            }
            Arrays.sort(sorted);
            int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1_000;
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void report(String what, double raw, double adapter, String unit) {
        System.out.printf(Locale.ROOT, "LOAD %-24s raw %,10.0f %s   adapter %,10.0f %s   adapter/raw %.2f%n", what, raw,
                unit, adapter, unit, adapter / raw);
    }

    private static void reportLatency(String what, Latencies raw, Latencies adapter) {
        System.out.printf(Locale.ROOT, "LOAD %-24s at %,d msg/s: raw p50 %,d us p99 %,d us max %,d us   adapter p50 %,d us"
                        + " p99 %,d us max %,d us   p99 adapter/raw %.2f%n", what, RATE, raw.percentileMicros(50),
                raw.percentileMicros(99), raw.percentileMicros(100), adapter.percentileMicros(50),
                adapter.percentileMicros(99), adapter.percentileMicros(100),
                (double) adapter.percentileMicros(99) / Math.max(1, raw.percentileMicros(99)));
    }

    private LoadHarness() {
    }
}
