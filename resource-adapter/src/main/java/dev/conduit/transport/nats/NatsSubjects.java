package dev.conduit.transport.nats;

import dev.conduit.api.InvalidTopicException;

/** The rules for subjects one can publish to, checked before anything is sent. Allocation-free. */
final class NatsSubjects {

    private NatsSubjects() {
    }

    static void check(String topic) {
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
