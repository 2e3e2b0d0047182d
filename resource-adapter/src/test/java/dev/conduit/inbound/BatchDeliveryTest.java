package dev.conduit.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;

import dev.conduit.api.BatchEventListener;
import dev.conduit.api.IncomingEvent;
import dev.conduit.metrics.ConsumeMetrics;

/** The batch delivery policy on its own: retry the batch, then narrow it down to the events that fail alone. */
class BatchDeliveryTest {

    private final Queue<String> deadLetters = new ConcurrentLinkedQueue<>();
    private final ConsumeMetrics metrics = new ConsumeMetrics();
    private final StopSignal stop = new StopSignal();
    private final EndpointDelivery delivery = new EndpointDelivery(3, Duration.ofMillis(1), false,
            new DeadLetterStrategy(new DeadLetterSink() {
                @Override
                public void send(IncomingEvent event, String reason) {
                    deadLetters.add(text(event) + ": " + reason);
                }

                @Override
                public void close() {
                }
            }, metrics, stop), metrics, stop);

    @Test
    void aBatchThatSucceedsIsDeliveredInOneCall() {
        List<List<String>> calls = new ArrayList<>();
        int done = delivery.deliverBatch(events -> calls.add(texts(events)), events("a", "b", "c"), () -> { });
        assertThat(done).isEqualTo(3);
        assertThat(calls).containsExactly(List.of("a", "b", "c"));
        assertThat(metrics.snapshot().consumed()).isEqualTo(3);
    }

    @Test
    void aFailingBatchIsRetriedWithTheAttemptNumberThenSucceeds() {
        List<String> attempts = new ArrayList<>();
        int[] keptAlive = {0};
        BatchEventListener failsOnce = events -> {
            attempts.add(texts(events) + "@" + events.get(0).deliveryAttempt());
            if (events.get(0).deliveryAttempt() == 1) {
                throw new IllegalStateException("transient");
            }
        };
        assertThat(delivery.deliverBatch(failsOnce, events("a", "b"), () -> keptAlive[0]++)).isEqualTo(2);
        assertThat(attempts).containsExactly("[a, b]@1", "[a, b]@2");
        assertThat(keptAlive[0]).isEqualTo(1);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void aBatchThatKeepsFailingIsNarrowedDownSoOnlyThePoisonIsDeadLettered() {
        List<String> delivered = new ArrayList<>();
        BatchEventListener poisoned = events -> {
            if (texts(events).contains("poison")) {
                throw new IllegalArgumentException("cannot handle poison");
            }
            delivered.addAll(texts(events));
        };
        int done = delivery.deliverBatch(poisoned, events("a", "poison", "b"), () -> { });
        assertThat(done).isEqualTo(3);
        assertThat(delivered).containsExactly("a", "b");
        assertThat(deadLetters).singleElement().asString().startsWith("poison: listener failed 3 times")
                .contains("cannot handle poison");
        assertThat(metrics.snapshot().deadLettered()).isEqualTo(1);
        // 3 attempts of the batch, then 3 of the poison alone.
        assertThat(metrics.snapshot().failedAttempts()).isEqualTo(6);
    }

    @Test
    void aStopDuringTheBatchsBackOffLeavesEveryEventOfItUndone() {
        BatchEventListener stopsThenFails = events -> {
            stop.raise();
            throw new IllegalStateException("down");
        };
        assertThat(delivery.deliverBatch(stopsThenFails, events("a", "b"), () -> { })).isZero();
        assertThat(deadLetters).isEmpty();
    }

    private static List<ConsumedEvent> events(String... texts) {
        List<ConsumedEvent> events = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            events.add(new ConsumedEvent("t", 0, i, null, texts[i].getBytes(), Map.of(), Instant.now(), 1));
        }
        return events;
    }

    private static List<String> texts(List<IncomingEvent> events) {
        return events.stream().map(BatchDeliveryTest::text).toList();
    }

    private static String text(IncomingEvent event) {
        return new String(event.payload());
    }
}
