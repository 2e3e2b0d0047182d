package dev.conduit.transport.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.conduit.api.EventListener;
import dev.conduit.inbound.ConsumedEvent;
import dev.conduit.inbound.ConsumerWork;
import dev.conduit.inbound.DeliveryOutcome;
import dev.conduit.inbound.EndpointDelivery;
import dev.conduit.inbound.EndpointSource;
import dev.conduit.inbound.StopSignal;

/**
 * One Kafka consumer of a group, on one Work thread: polls, delivers each record of a partition in order, and
 * commits a partition's offset only past records whose delivery completed (listener succeeded or dead-lettered).
 * This thread is the only one touching its {@link KafkaConsumer}, except {@code wakeup()}.
 */
final class KafkaConsumerWork extends ConsumerWork {

    private static final Logger LOG = Logger.getLogger(KafkaConsumerWork.class.getName());
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

    private final Properties consumerProperties;
    private final List<String> topics;
    private final Duration pollTimeout;
    private final EndpointDelivery delivery;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    KafkaConsumerWork(String name, Properties consumerProperties, List<String> topics, Duration pollTimeout,
                      EndpointDelivery delivery, EndpointSource endpoints, StopSignal stop, CountDownLatch finished) {
        super(name, endpoints, stop, finished);
        this.consumerProperties = consumerProperties;
        this.topics = topics;
        this.pollTimeout = pollTimeout;
        this.delivery = delivery;
    }

    @Override
    protected void consume(EventListener listener) {
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(consumerProperties,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer = kafka;
            if (stop.isRaised()) {
                return;
            }
            kafka.subscribe(topics);
            while (!stop.isRaised()) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = kafka.poll(pollTimeout);
                } catch (WakeupException e) {
                    continue;
                } catch (KafkaException e) {
                    LOG.log(Level.WARNING, "Conduit: poll failed on " + topics + "; retrying", e);
                    stop.awaitFor(ERROR_PAUSE);
                    continue;
                }
                deliverAndCommit(kafka, records, listener);
            }
        }
    }

    private void deliverAndCommit(KafkaConsumer<byte[], byte[]> kafka, ConsumerRecords<byte[], byte[]> records,
                                  EventListener listener) {
        Map<TopicPartition, OffsetAndMetadata> completed = new HashMap<>();
        partitions:
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                DeliveryOutcome outcome = delivery.deliver(listener, toEvent(record));
                if (outcome == DeliveryOutcome.STOPPED) {
                    // Not completed: leave it (and what follows) uncommitted so the group delivers it again.
                    break partitions;
                }
                completed.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        commit(kafka, completed);
    }

    private void commit(KafkaConsumer<byte[], byte[]> kafka, Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                kafka.commitSync(offsets);
                return;
            } catch (WakeupException e) {
                // A stop woke us in the middle of committing; the wake-up is consumed, so commit once more.
            } catch (KafkaException e) {
                LOG.log(Level.WARNING, "Conduit: committing " + offsets + " failed; those records will be "
                        + "delivered again (at-least-once)", e);
                return;
            }
        }
    }

    static ConsumedEvent toEvent(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        byte[] value = record.value() == null ? new byte[0] : record.value();
        return new ConsumedEvent(record.topic(), record.partition(), record.offset(), key, value,
                KafkaHeaderMapping.fromKafka(record.headers()), Instant.ofEpochMilli(record.timestamp()), 1);
    }

    @Override
    protected void wakeUp() {
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }
}
