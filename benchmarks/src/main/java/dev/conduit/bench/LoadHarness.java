package dev.conduit.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.conduit.adapter.ConduitResourceAdapter;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.api.PublishResult;
import dev.conduit.brokers.EmbeddedKafka;
import dev.conduit.brokers.NatsServer;
import dev.conduit.config.Direction;
import dev.conduit.outbound.ConduitManagedConnectionFactory;
import dev.conduit.testsupport.TestBootstrapContext;
import dev.conduit.transport.OptionCatalog;
import dev.conduit.transport.kafka.KafkaSettings;

/**
 * End-to-end load on embedded brokers, adapter vs. raw client in one run, per transport:
 * <ol>
 * <li>publish throughput: N messages of 256 bytes, pipelined (raw client with the same settings and the same
 * in-flight bound vs. the adapter's pooled connection), best of two interleaved passes;</li>
 * <li>publish -> consume latency at a fixed rate ({@link PublishConsumeLatency});</li>
 * <li>draining a Kafka backlog ({@link BacklogDrain}).</li>
 * </ol>
 * Each side gets a discarded warm-up pass, and latency runs start only after the consumer received a start
 * marker. Figures are ratios from one run on one machine; both sides share the broker and the JVM.
 */
public final class LoadHarness {

    static final int PAYLOAD = 256;
    /** Measured publish passes per side, interleaved raw/adapter; the best of each is reported. */
    private static final int ROUNDS = 2;
    private static final int IN_FLIGHT = 10_000;

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

            PublishConsumeLatency.report("kafka publish->consume",
                    PublishConsumeLatency.rawKafka(kafka.bootstrapServers()), PublishConsumeLatency.adapter(adapter,
                            kafkaFactory, "kafka", kafka.bootstrapServers(), "lat-adapter"));
            PublishConsumeLatency.report("nats publish->consume", PublishConsumeLatency.rawNats(nats.url()),
                    PublishConsumeLatency.adapter(adapter, natsFactory, "nats", nats.url(), "lat.adapter"));
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

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void report(String what, double raw, double adapter, String unit) {
        System.out.printf(Locale.ROOT, "LOAD %-24s raw %,10.0f %s   adapter %,10.0f %s   adapter/raw %.2f%n", what, raw,
                unit, adapter, unit, adapter / raw);
    }

    private LoadHarness() {
    }
}
