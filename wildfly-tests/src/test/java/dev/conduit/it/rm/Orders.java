package dev.conduit.it.rm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.smallrye.reactive.messaging.annotations.Blocking;

import dev.conduit.api.Envelope;
import dev.conduit.api.IncomingEvent;

/**
 * Publishes through an {@link Emitter} per transport and consumes the same topic through an incoming conduit
 * channel, concurrently ({@code @Blocking(ordered = false)}), recording what arrived in arrival order, how many
 * messages were in the method at once and whether two messages of one aggregate ever were.
 */
@ApplicationScoped
public class Orders {

    @Inject
    @Channel("kafka-out")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4_096)
    Emitter<Envelope> kafkaOut;

    @Inject
    @Channel("nats-out")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4_096)
    Emitter<Envelope> natsOut;

    private final Map<String, Queue<String>> received = Map.of("kafka", new ConcurrentLinkedQueue<>(),
            "nats", new ConcurrentLinkedQueue<>());
    private final Set<String> aggregatesInMethod = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inMethod = new AtomicInteger();
    private final AtomicInteger maxInMethod = new AtomicInteger();
    private final AtomicInteger concurrentPerAggregate = new AtomicInteger();

    /** Sends {@code count} envelopes, event i of aggregate "agg-(i % aggregates)"; "acked nacked millis". */
    public String publish(String transport, int count, int aggregates) throws InterruptedException {
        Emitter<Envelope> emitter = "kafka".equals(transport) ? kafkaOut : natsOut;
        long start = System.nanoTime();
        List<CompletableFuture<Void>> acks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Envelope envelope = Envelope.builder("OrderPlaced").aggregateId("agg-" + i % aggregates)
                    .header("index", Integer.toString(i)).payload(("order-" + i).getBytes()).build();
            acks.add(emitter.send(envelope).toCompletableFuture());
        }
        int acked = 0;
        int nacked = 0;
        for (CompletableFuture<Void> ack : acks) {
            try {
                ack.get(60, TimeUnit.SECONDS);
                acked++;
            } catch (ExecutionException | TimeoutException nack) {
                nacked++;
            }
        }
        return acked + " " + nacked + " " + (System.nanoTime() - start) / 1_000_000;
    }

    @Incoming("kafka-in")
    @Blocking(ordered = false)
    public void kafka(IncomingEvent event) {
        record("kafka", event);
    }

    @Incoming("nats-in")
    @Blocking(ordered = false)
    public void nats(IncomingEvent event) {
        record("nats", event);
    }

    private void record(String transport, IncomingEvent event) {
        String aggregate = event.envelope().aggregateId();
        if (!aggregatesInMethod.add(aggregate)) {
            concurrentPerAggregate.incrementAndGet();
        }
        maxInMethod.accumulateAndGet(inMethod.incrementAndGet(), Math::max);
        try {
            received.get(transport).add(aggregate + "|" + event.envelope().headers().get("index"));
        } finally {
            inMethod.decrementAndGet();
            aggregatesInMethod.remove(aggregate);
        }
    }

    /** "aggregate|index" lines in arrival order. */
    public List<String> received(String transport) {
        return List.copyOf(received.get(transport));
    }

    /** "maxInMethod concurrentPerAggregate". */
    public String stats() {
        return maxInMethod.get() + " " + concurrentPerAggregate.get();
    }
}
