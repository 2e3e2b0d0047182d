package dev.conduit.bench.app;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

/** Events received per topic, by every contender's MDB, and when the first of them arrived. */
@ApplicationScoped
public class Counters {

    private final Map<String, Tally> received = new ConcurrentHashMap<>();

    public void add(String topic, int events) {
        received.computeIfAbsent(topic, t -> new Tally()).add(events);
    }

    public long get(String topic) {
        Tally tally = received.get(topic);
        return tally == null ? 0 : tally.count.sum();
    }

    /** Wall-clock microseconds since the epoch when the first event since the last reset arrived, or 0. */
    public long firstAtMicros(String topic) {
        Tally tally = received.get(topic);
        return tally == null ? 0 : tally.firstAtMicros.get();
    }

    public void reset(String topic) {
        received.remove(topic);
    }

    static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    /** Only the first event reads the clock: the benchmark compares it with its own wall clock (same machine). */
    private static final class Tally {
        final LongAdder count = new LongAdder();
        final AtomicLong firstAtMicros = new AtomicLong();

        void add(int events) {
            if (firstAtMicros.get() == 0) {
                firstAtMicros.compareAndSet(0, nowMicros());
            }
            count.add(events);
        }
    }
}
