package dev.conduit.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;

class AggregateDispatcherTest {

    private record Item(String aggregate, int sequence) {
    }

    @Test
    void oneAggregateRunsSeriallyInOfferOrderWhileAggregatesRunInParallel() throws Exception {
        int workers = 8;
        int aggregates = 200;
        int perAggregate = 250;
        AggregateDispatcher<Item> dispatcher = new AggregateDispatcher<>(512, workers);
        Map<String, Integer> lastSeen = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger maxParallel = new AtomicInteger();
        AtomicInteger parallel = new AtomicInteger();
        LongAdder violations = new LongAdder();
        LongAdder done = new LongAdder();
        AtomicBoolean producing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(workers + 2);
        List<Future<?>> tasks = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            tasks.add(pool.submit(() -> {
                while (producing.get() || dispatcher.size() > 0) {
                    dispatcher.runNext(Duration.ofMillis(10), item -> {
                        if (running.computeIfAbsent(item.aggregate(), a -> new AtomicInteger()).incrementAndGet()
                                != 1) {
                            violations.increment();
                        }
                        maxParallel.accumulateAndGet(parallel.incrementAndGet(), Math::max);
                        Integer previous = lastSeen.put(item.aggregate(), item.sequence());
                        if (previous != null && previous != item.sequence() - 1) {
                            violations.increment();
                        }
                        Thread.onSpinWait();
                        parallel.decrementAndGet();
                        running.get(item.aggregate()).decrementAndGet();
                        done.increment();
                    });
                }
                return null;
            }));
        }
        // Two sources, each owning half of the aggregates (as partitions do), offering concurrently: one an item
        // at a time, the other in bulk, as much as there is room for.
        tasks.add(pool.submit(() -> {
            for (int s = 0; s < perAggregate; s++) {
                for (int a = 0; a < aggregates; a += 2) {
                    while (!dispatcher.offer("agg-" + a, new Item("agg-" + a, s), Duration.ofMillis(100))) {
                        Thread.onSpinWait();
                    }
                }
            }
            return null;
        }));
        tasks.add(pool.submit(() -> {
            List<Item> pending = new ArrayList<>();
            for (int s = 0; s < perAggregate; s++) {
                for (int a = 1; a < aggregates; a += 2) {
                    pending.add(new Item("agg-" + a, s));
                }
            }
            while (!pending.isEmpty()) {
                List<Item> fits = pending.subList(0, dispatcher.reserve(Math.min(pending.size(), 300)));
                if (fits.isEmpty()) {
                    Thread.onSpinWait();
                    continue;
                }
                dispatcher.offerAllReserved(fits, Item::aggregate);
                fits.clear();
            }
            return null;
        }));
        tasks.get(workers).get(120, TimeUnit.SECONDS);
        tasks.get(workers + 1).get(120, TimeUnit.SECONDS);
        producing.set(false);
        for (Future<?> task : tasks) {
            task.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(violations.sum()).isZero();
        assertThat(done.sum()).isEqualTo((long) aggregates * perAggregate);
        assertThat(lastSeen).hasSize(aggregates).allSatisfy((a, last) -> assertThat(last).isEqualTo(perAggregate - 1));
        assertThat(maxParallel.get()).isGreaterThan(1);
        assertThat(dispatcher.size()).isZero();
        assertThat(dispatcher.activeLanes()).isZero();
    }

    @Test
    void theCapacityBoundsWhatIsQueuedAndOfferReportsFullness() throws Exception {
        AggregateDispatcher<Integer> dispatcher = new AggregateDispatcher<>(3, 1);
        assertThat(dispatcher.offer("a", 1, Duration.ZERO)).isTrue();
        assertThat(dispatcher.offer("b", 2, Duration.ZERO)).isTrue();
        assertThat(dispatcher.offer(null, 3, Duration.ZERO)).isTrue();
        assertThat(dispatcher.offer("a", 4, Duration.ofMillis(20))).isFalse();
        assertThat(dispatcher.size()).isEqualTo(3);
        assertThat(dispatcher.activeLanes()).isEqualTo(3);

        List<Integer> ran = new ArrayList<>();
        assertThat(dispatcher.runNext(Duration.ZERO, ran::add)).isTrue();
        assertThat(dispatcher.offer("a", 4, Duration.ZERO)).isTrue();
        while (dispatcher.runNext(Duration.ZERO, ran::add)) {
            // drain
        }
        assertThat(ran).containsExactly(1, 2, 3, 4);
        assertThat(dispatcher.activeLanes()).isZero();
    }

    @Test
    void aSlowAggregateDoesNotHoldUpOthers() throws Exception {
        AggregateDispatcher<String> dispatcher = new AggregateDispatcher<>(100, 2);
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        Set<String> finished = ConcurrentHashMap.newKeySet();
        dispatcher.offer("slow", "slow-1", Duration.ZERO);
        dispatcher.offer("slow", "slow-2", Duration.ZERO);
        for (int i = 0; i < 10; i++) {
            dispatcher.offer("fast-" + i, "fast-" + i, Duration.ZERO);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<?> slowWorker = pool.submit(() -> dispatcher.runNext(Duration.ofSeconds(5), item -> {
            slowStarted.countDown();
            try {
                releaseSlow.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.add(item);
        }));
        slowStarted.await(5, TimeUnit.SECONDS);
        Future<?> otherWorker = pool.submit(() -> {
            while (finished.size() < 10) {
                dispatcher.runNext(Duration.ofSeconds(5), finished::add);
            }
            return null;
        });
        otherWorker.get(10, TimeUnit.SECONDS);

        assertThat(finished).hasSize(10).allMatch(item -> item.startsWith("fast-"));
        releaseSlow.countDown();
        slowWorker.get(10, TimeUnit.SECONDS);
        assertThat(dispatcher.runNext(Duration.ofSeconds(1), finished::add)).isTrue();
        assertThat(finished).contains("slow-1", "slow-2");
        pool.shutdown();
    }

    @Test
    void reservedRoomCountsAgainstCapacityUntilUsedOrGivenBack() throws Exception {
        AggregateDispatcher<Item> dispatcher = new AggregateDispatcher<>(10, 2);
        assertThat(dispatcher.reserve(6)).isEqualTo(6);
        assertThat(dispatcher.reserve(6)).as("only what is left").isEqualTo(4);
        assertThat(dispatcher.reserve(1)).isZero();
        assertThat(dispatcher.offer("a", new Item("a", 0), Duration.ZERO)).as("no room beyond reservations").isFalse();

        dispatcher.offerReserved("a", new Item("a", 0));
        dispatcher.offerReserved("a", new Item("a", 1));
        dispatcher.unreserve(8);
        assertThat(dispatcher.size()).isEqualTo(2);
        assertThat(dispatcher.available()).isEqualTo(8);

        List<Item> ran = new ArrayList<>();
        while (dispatcher.runNext(Duration.ZERO, ran::add)) {
            // drain
        }
        assertThat(ran).containsExactly(new Item("a", 0), new Item("a", 1));
        assertThat(dispatcher.available()).isEqualTo(10);
    }

    @Test
    void discardingTakesBackQueuedItemsOnlyAndKeepsTheRestInOrder() throws Exception {
        AggregateDispatcher<Item> dispatcher = new AggregateDispatcher<>(10, 2);
        for (int i = 0; i < 3; i++) {
            dispatcher.offer("a", new Item("a", i), Duration.ZERO);
            dispatcher.offer("b", new Item("b", i), Duration.ZERO);
        }
        List<Item> ran = new ArrayList<>();
        // While a's first item runs, every queued item of b and a's last one are taken back.
        dispatcher.runNext(Duration.ZERO, running -> {
            List<Item> removed = dispatcher.discardQueued(item -> item.aggregate().equals("b")
                    || item.sequence() == 2);
            assertThat(removed).containsExactlyInAnyOrder(new Item("b", 0), new Item("b", 1), new Item("b", 2),
                    new Item("a", 2));
            ran.add(running);
        });
        while (dispatcher.runNext(Duration.ZERO, ran::add)) {
            // b's lane is empty but still waiting for a worker: it is retired without running anything
        }
        assertThat(ran).containsExactly(new Item("a", 0), new Item("a", 1));
        assertThat(dispatcher.size()).isZero();
        assertThat(dispatcher.activeLanes()).isZero();
    }

    @Test
    void aBatchTakesLanesInOrderAndHoldsThemUntilItReturns() throws Exception {
        AggregateDispatcher<Item> dispatcher = new AggregateDispatcher<>(100, 2);
        for (int i = 0; i < 3; i++) {
            dispatcher.offer("a", new Item("a", i), Duration.ZERO);
            dispatcher.offer("b", new Item("b", i), Duration.ZERO);
        }
        dispatcher.offer("c", new Item("c", 0), Duration.ZERO);
        List<List<Item>> batches = new ArrayList<>();
        dispatcher.runNextBatch(4, Duration.ZERO, Duration.ZERO, batch -> {
            batches.add(List.copyOf(batch));
            // While this batch holds a and b, a later item of a waits, and another batch gets only c.
            try {
                dispatcher.offer("a", new Item("a", 3), Duration.ZERO);
                dispatcher.runNextBatch(4, Duration.ZERO, Duration.ZERO, other -> batches.add(List.copyOf(other)));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        while (dispatcher.runNextBatch(4, Duration.ZERO, Duration.ZERO, batch -> batches.add(List.copyOf(batch)))) {
            // drain
        }
        assertThat(batches).containsExactly(
                List.of(new Item("a", 0), new Item("a", 1), new Item("a", 2), new Item("b", 0)),
                List.of(new Item("c", 0)),
                List.of(new Item("a", 3), new Item("b", 1), new Item("b", 2)));
        assertThat(dispatcher.size()).isZero();
        assertThat(dispatcher.activeLanes()).isZero();
    }
}
