package dev.conduit.it.app;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;

import dev.conduit.api.IncomingEvent;

/** Everything the MDB received, per topic, as "key|payload|attempt" lines. */
@ApplicationScoped
public class ReceivedEvents {

    private final Map<String, Queue<String>> byTopic = new ConcurrentHashMap<>();

    void add(IncomingEvent event) {
        String line = event.key() + "|" + new String(event.payload(), StandardCharsets.UTF_8) + "|"
                + (event.isEnvelope() ? event.envelope().eventType() : "-");
        byTopic.computeIfAbsent(event.topic(), t -> new ConcurrentLinkedQueue<>()).add(line);
    }

    Queue<String> of(String topic) {
        return byTopic.getOrDefault(topic, new ConcurrentLinkedQueue<>());
    }
}
