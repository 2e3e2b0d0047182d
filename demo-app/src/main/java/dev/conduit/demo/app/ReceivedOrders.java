package dev.conduit.demo.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

/** What the MDB has seen, for the demo's report. */
@ApplicationScoped
public class ReceivedOrders {

    private final LongAdder total = new LongAdder();
    private final Map<String, LongAdder> byType = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byOrder = new ConcurrentHashMap<>();

    void record(String orderId, String eventType, int partition, long offset) {
        total.increment();
        byType.computeIfAbsent(eventType, t -> new LongAdder()).increment();
        byOrder.computeIfAbsent(orderId, o -> new LongAdder()).increment();
    }

    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append("consumed=").append(total.sum()).append('\n');
        sb.append("orders=").append(byOrder.size()).append('\n');
        byType.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append("type.").append(e.getKey()).append('=').append(e.getValue().sum()).append('\n'));
        return sb.toString();
    }

    public long total() {
        return total.sum();
    }
}
