package dev.conduit.demo.app;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

/** What the MDBs have seen, per transport, for the demo's report. */
@ApplicationScoped
public class ReceivedOrders {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> orders = new ConcurrentHashMap<>();

    void record(String transport, String orderId, String eventType) {
        counts.computeIfAbsent(transport + ".consumed", k -> new LongAdder()).increment();
        counts.computeIfAbsent(transport + ".type." + eventType, k -> new LongAdder()).increment();
        if (orders.putIfAbsent(transport + "/" + orderId, Boolean.TRUE) == null) {
            counts.computeIfAbsent(transport + ".orders", k -> new LongAdder()).increment();
        }
    }

    /** "key=value" lines, sorted. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(counts).forEach((key, value) -> sb.append(key).append('=').append(value.sum()).append('\n'));
        return sb.toString();
    }
}
