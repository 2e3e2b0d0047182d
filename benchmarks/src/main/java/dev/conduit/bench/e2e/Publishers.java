package dev.conduit.bench.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Semaphore;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.impl.Headers;

/**
 * The one publisher per transport that feeds every contender the same way: plain kafka-clients and jnats, the
 * adapter's default settings (acks=all, linger 5 ms, batch 64 KiB; at most 10,000 unacknowledged publishes).
 */
final class Publishers implements AutoCloseable {

    private static final int MAX_IN_FLIGHT = 10_000;

    private final KafkaProducer<byte[], byte[]> kafka;
    private final JetStream jetStream;
    private final Semaphore natsInFlight = new Semaphore(MAX_IN_FLIGHT);
    private final java.util.concurrent.atomic.LongAdder natsFailures = new java.util.concurrent.atomic.LongAdder();
    private long sequence;

    Publishers(String kafkaServers, Connection nats) throws java.io.IOException {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        this.kafka = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.jetStream = nats.jetStream();
    }

    void publish(String transport, String topic, int events) throws InterruptedException {
        if ("kafka".equals(transport)) {
            for (int i = 0; i < events; i++) {
                long n = sequence++;
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, BenchEvents.key(n),
                        BenchEvents.payload());
                BenchEvents.headers(n).forEach((name, value) ->
                        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
                kafka.send(record);
            }
            kafka.flush();
        } else {
            for (int i = 0; i < events; i++) {
                long n = sequence++;
                Headers headers = new Headers();
                BenchEvents.headers(n).forEach(headers::put);
                natsInFlight.acquire();
                jetStream.publishAsync(topic, headers, BenchEvents.payload())
                        .whenComplete((ack, failure) -> {
                            natsInFlight.release();
                            if (failure != null) {
                                natsFailures.increment();
                            }
                        });
            }
            natsInFlight.acquire(MAX_IN_FLIGHT);
            natsInFlight.release(MAX_IN_FLIGHT);
        }
    }

    @Override
    public void close() {
        kafka.close(Duration.ofSeconds(10));
    }

    /** NATS publishes that were not acknowledged (a benchmark with failures says so instead of a figure). */
    long natsFailures() {
        return natsFailures.sum();
    }
}
