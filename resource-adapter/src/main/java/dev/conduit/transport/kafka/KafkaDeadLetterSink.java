package dev.conduit.transport.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.conduit.api.IncomingEvent;
import dev.conduit.inbound.DeadLetter;
import dev.conduit.inbound.DeadLetterSink;

/**
 * Writes dead letters to Kafka: same key, payload and headers as the original, plus {@code conduit.dlt.*}
 * headers saying where it came from and why. The producer is created on the first dead letter (most activations
 * never need one) and closed with the activation.
 */
final class KafkaDeadLetterSink implements DeadLetterSink {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final Properties producerProperties;
    private final String fixedTopic;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean closed;

    /** @param fixedTopic the configured dead-letter topic, or blank for {@code <topic>.DLT} */
    KafkaDeadLetterSink(Properties producerProperties, String fixedTopic) {
        this.producerProperties = producerProperties;
        this.fixedTopic = fixedTopic;
    }

    @Override
    public void send(IncomingEvent event, String reason) throws Exception {
        DeadLetter letter = DeadLetter.of(event, reason, fixedTopic);
        byte[] key = letter.key() == null ? null : letter.key().getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(letter.topic(), null, key, letter.payload(),
                KafkaHeaderMapping.toKafka(letter.headers()));
        producer().send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (closed) {
            throw new IllegalStateException("dead-letter sink closed");
        }
        if (producer == null) {
            producer = AdapterClassLoader.create(() -> new KafkaProducer<>(producerProperties,
                    new ByteArraySerializer(), new ByteArraySerializer()));
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (producer != null) {
            producer.close(SEND_TIMEOUT);
            producer = null;
        }
    }
}
