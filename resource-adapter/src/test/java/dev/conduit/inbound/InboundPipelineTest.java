package dev.conduit.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.conduit.api.EventListener;
import dev.conduit.testsupport.Await;
import dev.conduit.testsupport.Configs;
import dev.conduit.testsupport.TestEndpointFactory;
import dev.conduit.testsupport.ThreadWorkManager;

/**
 * The transport-neutral pipeline with a scripted source: retries and back-off, the three failure strategies,
 * at-most-once, and a stop during a retry. Real brokers run the same pipeline in the transport tests.
 */
class InboundPipelineTest {

    private final ThreadWorkManager workManager = new ThreadWorkManager();
    private EndpointActivation activation;

    @AfterEach
    void stop() {
        if (activation != null) {
            activation.stop(Duration.ofSeconds(10));
        }
    }

    @Test
    void aFailingEventIsRetriedWithGrowingBackOffThenDeadLetteredAndCommitted() throws Exception {
        ScriptedSource source = new ScriptedSource("a1", "ok-1", "a2", "poison", "a2", "after-poison");
        List<Long> poisonAttempts = new CopyOnWriteArrayList<>();
        Queue<String> delivered = new ConcurrentLinkedQueue<>();
        start(source, event -> {
            if (ScriptedSource.text(event).equals("poison")) {
                poisonAttempts.add(System.nanoTime());
                throw new IllegalStateException("cannot handle poison");
            }
            delivered.add(ScriptedSource.text(event));
        }, "maxAttempts", "3", "retryBackoffMs", "100");

        Await.until(() -> source.completed.size() == 3, "all three events completed");

        assertThat(poisonAttempts).hasSize(3);
        assertThat(millisBetween(poisonAttempts, 0)).isGreaterThanOrEqualTo(100);
        assertThat(millisBetween(poisonAttempts, 1)).isGreaterThanOrEqualTo(200);
        assertThat(source.deadLettered).singleElement().asString()
                .startsWith("poison: listener failed 3 times").contains("cannot handle poison");
        // The aggregate's next event waited for the poison to be settled.
        assertThat(delivered).containsExactly("ok-1", "after-poison");
        assertThat(activation.status().deadLettered()).isEqualTo(1);
        assertThat(activation.status().failedAttempts()).isEqualTo(3);
        assertThat(activation.status().healthy()).isTrue();
    }

    @Test
    void ignoreCommitsTheFailingEventWithoutADeadLetterAndCountsIt() throws Exception {
        ScriptedSource source = new ScriptedSource("a", "poison", "a", "next");
        start(source, failOn("poison"), "failureStrategy", "ignore", "maxAttempts", "2", "retryBackoffMs", "1");

        Await.until(() -> source.completed.size() == 2, "both events completed");

        assertThat(source.completed).containsExactly("poison", "next");
        assertThat(source.deadLettered).isEmpty();
        assertThat(activation.status().ignored()).isEqualTo(1);
        assertThat(activation.status().failedAttempts()).isEqualTo(2);
        assertThat(activation.status().healthy()).isTrue();
    }

    @Test
    void failStopsTheActivationLeavesTheEventUncommittedAndSaysWhy() throws Exception {
        ScriptedSource source = new ScriptedSource("a", "first", "a", "poison", "a", "behind-poison",
                "b", "other");
        Queue<String> delivered = new ConcurrentLinkedQueue<>();
        start(source, event -> {
            failOn("poison").onEvent(event);
            delivered.add(ScriptedSource.text(event));
        }, "failureStrategy", "fail", "maxAttempts", "2", "retryBackoffMs", "1");

        Await.until(() -> !activation.status().healthy(), "the activation reports its failure");
        Await.until(source.closed::get, "the source closed once every work ended");

        assertThat(activation.status().failure()).contains("poison").contains("listener failed 2 times");
        assertThat(source.completed).doesNotContain("poison", "behind-poison");
        assertThat(source.abandoned).contains("poison");
        assertThat(delivered).doesNotContain("behind-poison");
        assertThat(source.deadLettered).isEmpty();
        assertThat(workManager.threads()).noneMatch(Thread::isAlive);
    }

    @Test
    void atMostOnceCompletesBeforeTheListenerRunsAndNeverRetries() throws Exception {
        ScriptedSource source = new ScriptedSource("a", "poison", "b", "fine");
        List<String> completedWhenDelivered = new CopyOnWriteArrayList<>();
        List<String> attempts = new CopyOnWriteArrayList<>();
        start(source, event -> {
            completedWhenDelivered.add(ScriptedSource.text(event) + ":"
                    + source.completed.contains(ScriptedSource.text(event)));
            attempts.add(ScriptedSource.text(event));
            failOn("poison").onEvent(event);
        }, "guarantee", "at-most-once", "maxAttempts", "5", "retryBackoffMs", "1");

        Await.until(() -> attempts.size() == 2 && source.completed.size() == 2, "both events handed over");

        assertThat(completedWhenDelivered).containsExactlyInAnyOrder("poison:true", "fine:true");
        assertThat(attempts).containsExactlyInAnyOrder("poison", "fine");
        assertThat(source.deadLettered).isEmpty();
    }

    @Test
    void aStopDuringARetryBackOffEndsAtOnceAndLeavesTheEventUncommitted() throws Exception {
        ScriptedSource source = new ScriptedSource("a", "poison");
        List<Long> attempts = new CopyOnWriteArrayList<>();
        start(source, event -> {
            attempts.add(System.nanoTime());
            throw new IllegalStateException("down");
        }, "maxAttempts", "5", "retryBackoffMs", "60000");
        Await.until(() -> attempts.size() == 1, "the first attempt");

        long stopping = System.nanoTime();
        assertThat(activation.stop(Duration.ofSeconds(10))).isTrue();
        long stopMillis = (System.nanoTime() - stopping) / 1_000_000;
        activation = null;

        assertThat(stopMillis).isLessThan(5_000);
        assertThat(attempts).hasSize(1);
        assertThat(source.completed).isEmpty();
        assertThat(source.abandoned).containsExactly("poison");
        assertThat(source.deadLettered).isEmpty();
        assertThat(source.closed).isTrue();
    }

    /**
     * A graceful stop first lets the events already fetched run through the listeners (stopDrainMs), so a watermark
     * commit covers everything that was delivered and the group's next consumer sees none of it again.
     */
    @Test
    void aGracefulStopDeliversWhatWasFetchedBeforeItEnds() throws Exception {
        ScriptedSource source = new ScriptedSource(script(40));
        Queue<String> delivered = new ConcurrentLinkedQueue<>();
        start(source, slowListener(delivered));
        Await.until(() -> !delivered.isEmpty(), "the first delivery");

        assertThat(activation.stop(Duration.ofSeconds(10))).isTrue();
        activation = null;

        assertThat(delivered).hasSize(40);
        assertThat(source.completed).hasSize(40);
        assertThat(source.abandoned).isEmpty();
    }

    @Test
    void stopDrainMsZeroHandsBackWhatWasFetchedAtOnce() throws Exception {
        ScriptedSource source = new ScriptedSource(script(40));
        Queue<String> delivered = new ConcurrentLinkedQueue<>();
        start(source, slowListener(delivered), "stopDrainMs", "0");
        Await.until(() -> !delivered.isEmpty(), "the first delivery");

        assertThat(activation.stop(Duration.ofSeconds(10))).isTrue();
        activation = null;

        assertThat(source.abandoned).isNotEmpty();
        assertThat(source.completed.size() + source.abandoned.size()).isEqualTo(40);
        assertThat(delivered).hasSize(source.completed.size());
    }

    /** (aggregate, text) pairs over four aggregates: "e-0" .. "e-(count-1)". */
    private static String[] script(int count) {
        String[] script = new String[2 * count];
        for (int i = 0; i < count; i++) {
            script[2 * i] = "agg-" + i % 4;
            script[2 * i + 1] = "e-" + i;
        }
        return script;
    }

    /** A listener that takes 20 ms per event, as real work would. */
    private static EventListener slowListener(Queue<String> delivered) {
        return event -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delivered.add(ScriptedSource.text(event));
        };
    }

    @Test
    void aDeliveryThreadThatDiesUnexpectedlyMakesTheActivationNotAlive() throws Exception {
        ScriptedSource source = new ScriptedSource("a", "x");
        activation = InboundPipeline.assemble("scripted", source, new BrokenEndpoints(),
                Configs.inbound("transport", "memory", "topics", "t", "groupId", "g").values());
        assertThat(activation.status().alive()).isTrue();
        activation.start(workManager);

        Await.until(() -> !activation.status().alive(), "the activation reporting a dead delivery thread");
        assertThat(activation.status().healthy()).as("not a failure strategy's stop").isTrue();
    }

    /** An endpoint factory whose endpoints cannot be created: the container broke. */
    private static final class BrokenEndpoints implements jakarta.resource.spi.endpoint.MessageEndpointFactory {
        @Override
        public jakarta.resource.spi.endpoint.MessageEndpoint createEndpoint(javax.transaction.xa.XAResource xa) {
            throw new IllegalStateException("the container cannot create endpoints");
        }

        @Override
        public jakarta.resource.spi.endpoint.MessageEndpoint createEndpoint(javax.transaction.xa.XAResource xa,
                                                                            long timeout) {
            return createEndpoint(xa);
        }

        @Override
        public boolean isDeliveryTransacted(java.lang.reflect.Method method) {
            return false;
        }

        @Override
        public String getActivationName() {
            return "broken";
        }

        @Override
        public Class<?> getEndpointClass() {
            return Object.class;
        }
    }

    private void start(ScriptedSource source, EventListener listener, String... options) throws Exception {
        List<String> settings = new ArrayList<>(List.of("transport", "memory", "topics", "t", "groupId", "g",
                "concurrency", "2"));
        settings.addAll(List.of(options));
        activation = InboundPipeline.assemble("scripted", source, new TestEndpointFactory(listener),
                Configs.inbound(settings.toArray(String[]::new)).values());
        activation.start(workManager);
    }

    private static EventListener failOn(String text) {
        return event -> {
            if (ScriptedSource.text(event).equals(text)) {
                throw new IllegalStateException("cannot handle " + text);
            }
        };
    }

    private static long millisBetween(List<Long> times, int index) {
        return (times.get(index + 1) - times.get(index)) / 1_000_000;
    }
}
