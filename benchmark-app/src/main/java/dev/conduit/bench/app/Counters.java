package dev.conduit.bench.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

/** Events received per topic, by every contender's MDB. */
@ApplicationScoped
public class Counters {

    private final Map<String, LongAdder> received = new ConcurrentHashMap<>();

    public void add(String topic, int events) {
        received.computeIfAbsent(topic, t -> new LongAdder()).add(events);
    }

    public long get(String topic) {
        LongAdder count = received.get(topic);
        return count == null ? 0 : count.sum();
    }

    public void reset(String topic) {
        received.remove(topic);
    }
}
