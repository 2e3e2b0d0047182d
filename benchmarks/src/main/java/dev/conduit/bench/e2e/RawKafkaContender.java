package dev.conduit.bench.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The raw client: one kafka-clients consumer in a loop (what a hand-rolled consumer does), positioned at the end
 * of its topic before publishing starts, with kafka-clients' automatic commits (the fastest honest baseline: no
 * commit in the loop, and at-most-once on a crash, which Conduit does not accept for itself).
 */
final class RawKafkaContender implements Contender {

    private final String servers;
    private final String topic;
    private final Publishers publishers;

    RawKafkaContender(String servers, String topic, Publishers publishers) {
        this.servers = servers;
        this.topic = topic;
        this.publishers = publishers;
    }

    @Override
    public String name() {
        return "raw kafka-clients consumer";
    }

    @Override
    public String transport() {
        return "kafka";
    }

    @Override
    public double run(int events) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            CompletableFuture<Void> consumed = new CompletableFuture<>();
            Thread loop = new Thread(() -> {
                long count = 0;
                while (count < events) {
                    count += consumer.poll(Duration.ofMillis(100)).count();
                }
                consumed.complete(null);
            }, "raw-kafka-consumer");
            long start = System.nanoTime();
            loop.start();
            publishers.publish("kafka", topic, events);
            consumed.get(3, TimeUnit.MINUTES);
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
