package dev.conduit.outbound;

import dev.conduit.api.InvalidTopicException;
import dev.conduit.transport.Transport;

/** Topic-name rules per transport, checked before anything is sent. Allocation-free: it runs on every publish. */
public final class TopicNames {

    private static final int KAFKA_MAX_LENGTH = 249;

    private TopicNames() {
    }

    public static void validate(Transport transport, String topic) {
        if (topic == null || topic.isBlank()) {
            throw new InvalidTopicException("topic must not be null or blank");
        }
        switch (transport) {
            case KAFKA -> validateKafka(topic);
            case NATS -> validateNats(topic);
            default -> throw new IllegalStateException("no topic rules for " + transport);
        }
    }

    private static void validateKafka(String topic) {
        if (topic.length() > KAFKA_MAX_LENGTH) {
            throw new InvalidTopicException("Kafka topic '" + topic.substring(0, 40) + "...' is " + topic.length()
                    + " characters long; the limit is " + KAFKA_MAX_LENGTH);
        }
        if (topic.equals(".") || topic.equals("..")) {
            throw new InvalidTopicException("Kafka topic must not be '.' or '..'");
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '-';
            if (!legal) {
                throw new InvalidTopicException("Kafka topic '" + topic + "' contains '" + c
                        + "'; use only letters, digits, '.', '_' and '-'");
            }
        }
    }

    private static void validateNats(String topic) {
        if (topic.startsWith(".") || topic.endsWith(".") || topic.contains("..")) {
            throw new InvalidTopicException("NATS subject '" + topic + "' has an empty token; tokens are separated "
                    + "by single dots");
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '*' || c == '>' || Character.isWhitespace(c)) {
                throw new InvalidTopicException("NATS subject '" + topic + "' contains '" + c
                        + "'; wildcards and white space are not allowed when publishing");
            }
        }
    }
}
