package dev.conduit.transport.kafka;

import dev.conduit.api.InvalidTopicException;

/** Kafka's topic-name rules, checked before anything is sent. Allocation-free: it runs on every publish. */
final class KafkaTopicNames {

    private static final int MAX_LENGTH = 249;

    private KafkaTopicNames() {
    }

    static void check(String topic) {
        if (topic.length() > MAX_LENGTH) {
            throw new InvalidTopicException("Kafka topic '" + topic.substring(0, 40) + "...' is " + topic.length()
                    + " characters long; the limit is " + MAX_LENGTH);
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
}
