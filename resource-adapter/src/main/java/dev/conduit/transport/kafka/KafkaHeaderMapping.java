package dev.conduit.transport.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** String headers to Kafka's byte headers (UTF-8); {@link KafkaHeaderView} reads them back. */
final class KafkaHeaderMapping {

    private KafkaHeaderMapping() {
    }

    static Headers toKafka(Map<String, String> headers) {
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.forEach((name, value) -> kafkaHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return kafkaHeaders;
    }
}
