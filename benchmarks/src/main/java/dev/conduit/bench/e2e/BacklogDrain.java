package dev.conduit.bench.e2e;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.conduit.brokers.TcpProxy;

/**
 * Draining a backlog published while nobody consumed it, inside the container: a Conduit MDB whose {@code servers}
 * is a held {@link TcpProxy} that passes nothing on until the backlog is in the broker, against a raw kafka-clients
 * consumer joining a new group on the same backlog in the same run. Both are timed from start (gate opened /
 * consumer created) to the first event and from the first to the last event; the drain rate is the second, so the
 * group join (the broker's {@code group.initial.rebalance.delay.ms} for a new group) is reported but not in it.
 */
final class BacklogDrain {

    private static final Duration DEADLINE = Duration.ofMinutes(3);

    /** One drain: seconds from start to the first event, and from the first to the last. */
    record Drain(int events, double toFirstSeconds, double drainSeconds) {
        double rate() {
            return events / drainSeconds;
        }

        /** Start to the last event: what the load harness's drain measures (the group join included). */
        double totalSeconds() {
            return toFirstSeconds + drainSeconds;
        }
    }

    private BacklogDrain() {
    }

    /** A kafka-clients consumer loop in a new group reading from the earliest offset (automatic commits). */
    static Drain raw(String servers, String topic, String group, int events) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        long start = nowMicros();
        long first = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long count = 0;
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (count < events) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("raw drain: only " + count + " of " + events + " within "
                            + DEADLINE);
                }
                int polled = consumer.poll(Duration.ofMillis(100)).count();
                if (polled > 0 && first == 0) {
                    first = nowMicros();
                }
                count += polled;
            }
            return new Drain(events, (first - start) / 1e6, (nowMicros() - first) / 1e6);
        }
    }

    /**
     * Opens the MDB's gate and waits in the server until it counted {@code events}; the server reports when the
     * first arrived and when the count was reached (wall clock, same machine).
     */
    static Drain conduit(TcpProxy gate, String topic, int events, PayaraMicroProcess server, HttpClient http)
            throws Exception {
        long start = nowMicros();
        gate.open();
        String[] answer = http.send(HttpRequest.newBuilder(server.uri("conduit-benchmark-app/bench/count/" + topic
                        + "/await/" + events + "?timeoutMs=" + DEADLINE.toMillis())).timeout(DEADLINE.plusSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString()).body().trim().split(" ");
        long count = Long.parseLong(answer[0]);
        if (count < events) {
            throw new IllegalStateException(topic + ": only " + count + " of " + events + " drained within "
                    + DEADLINE + "; see " + server.log());
        }
        long first = Long.parseLong(answer[1]);
        long reached = Long.parseLong(answer[2]);
        return new Drain(events, (first - start) / 1e6, (reached - first) / 1e6);
    }

    static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
