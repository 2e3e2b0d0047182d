package dev.conduit.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
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
import dev.conduit.config.Direction;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.testsupport.TestEndpointFactory;
import dev.conduit.transport.OptionCatalog;
import dev.conduit.transport.kafka.KafkaSettings;

/**
 * Publish -> consume latency at a fixed rate, part of the {@link LoadHarness}: a raw consumer loop (kafka-clients
 * poll, jnats fetch) vs. the adapter's activation with ordered delivery on 4 workers; p50 / p99 / max. Consumers
 * start measuring only after they received a start marker (subscribed, assigned, caught up).
 */
final class PublishConsumeLatency {

    private static final int RATE = 5_000;
    private static final Duration LATENCY_RUN = Duration.ofSeconds(4);

    static Latencies rawKafka(String servers) throws Exception {
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
                    key(payload).getBytes(StandardCharsets.UTF_8), payload)));
        }
        latencies.await();
        consumer.join();
        return latencies;
    }

    static Latencies rawNats(String url) throws Exception {
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

    static Latencies adapter(ConduitResourceAdapter adapter, EventStreamConnectionFactory factory,
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
        return ByteBuffer.allocate(LoadHarness.PAYLOAD).putLong(System.nanoTime()).putInt(sequence).array();
    }

    /** 100 keys (aggregates), so ordered delivery has parallelism to use. */
    private static String key(byte[] payload) {
        return "k" + Math.floorMod(ByteBuffer.wrap(payload).getInt(8), 100);
    }

    static void report(String what, Latencies raw, Latencies adapter) {
        System.out.printf(Locale.ROOT, "LOAD %-24s at %,d msg/s: raw p50 %,d us p99 %,d us max %,d us   adapter p50 %,d us"
                        + " p99 %,d us max %,d us   p99 adapter/raw %.2f%n", what, RATE, raw.percentileMicros(50),
                raw.percentileMicros(99), raw.percentileMicros(100), adapter.percentileMicros(50),
                adapter.percentileMicros(99), adapter.percentileMicros(100),
                (double) adapter.percentileMicros(99) / Math.max(1, raw.percentileMicros(99)));
    }

    private PublishConsumeLatency() {
    }
}
