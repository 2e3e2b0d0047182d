package dev.conduit.ordering;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Per-aggregate serial lanes over a fixed set of delivery workers. Items with one aggregate id run one at a time
 * in the order they were offered; different aggregates run in parallel on whichever worker is free. Items without
 * an aggregate id are spread round-robin over as many lanes as there are workers.
 *
 * <p>Bounded: at most {@code capacity} items are queued or running; {@link #offer} waits for room and then
 * reports {@code false}, so the source (a Kafka poller, a NATS puller) can pause instead of buffering. A lane
 * exists only while it has work: the worker that empties it removes it, so idle aggregates cost nothing and the
 * number of lanes never exceeds the number of queued items. (This is stricter than a cache with idle expiry:
 * there is nothing left to expire.)
 *
 * <p>The only locks are per lane and held for a queue operation; sources and workers never wait on each other
 * except for the capacity bound and the ready queue.
 *
 * @param <T> the work item
 */
public final class AggregateDispatcher<T> {

    private static final String ROUND_ROBIN_PREFIX = "\u0000rr-";

    private final ConcurrentMap<String, Lane<T>> lanes = new ConcurrentHashMap<>();
    private final BlockingQueue<Lane<T>> ready = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private final int capacity;
    private final int roundRobinLanes;
    private final AtomicLong roundRobin = new AtomicLong();

    public AggregateDispatcher(int capacity, int roundRobinLanes) {
        if (capacity < 1 || roundRobinLanes < 1) {
            throw new IllegalArgumentException("capacity and roundRobinLanes must be >= 1");
        }
        this.capacity = capacity;
        this.room = new Semaphore(capacity);
        this.roundRobinLanes = roundRobinLanes;
    }

    /**
     * Queues an item behind the earlier items of its aggregate.
     *
     * @param aggregateId the ordering key, or {@code null} for none (round-robin)
     * @return {@code false} if there was no room within {@code wait}; the item was not queued
     */
    public boolean offer(String aggregateId, T item, Duration wait) throws InterruptedException {
        if (!room.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        enqueue(aggregateId, item);
        return true;
    }

    /**
     * Takes room for up to {@code max} items without waiting, so a source can ask its broker for exactly as many
     * messages as it can hand over without blocking. Returns how many were reserved (possibly 0); each is used by
     * {@link #offerReserved} or given back with {@link #unreserve}.
     */
    public int reserve(int max) {
        while (true) {
            int available = room.availablePermits();
            int take = Math.min(max, available);
            if (take <= 0) {
                return 0;
            }
            if (room.tryAcquire(take)) {
                return take;
            }
        }
    }

    /** Queues an item into room taken earlier with {@link #reserve}; never waits. */
    public void offerReserved(String aggregateId, T item) {
        enqueue(aggregateId, item);
    }

    /**
     * Queues items into room taken earlier with {@link #reserve}, in list order, never waiting: a source hands over
     * all it fetched at once. The lanes that get work are made ready together once all items are queued, so the
     * workers wake once for the lot instead of once per lane and find whole batches waiting.
     *
     * @param aggregateIds the ordering key of an item, or {@code null} for none (round-robin)
     */
    public void offerAllReserved(List<? extends T> items, Function<? super T, String> aggregateIds) {
        List<Lane<T>> nowReady = new ArrayList<>();
        for (T item : items) {
            Lane<T> lane = append(aggregateIds.apply(item), item);
            if (lane != null) {
                nowReady.add(lane);
            }
        }
        ready.addAll(nowReady);
    }

    /** Gives back reserved room that will not be used. */
    public void unreserve(int count) {
        if (count > 0) {
            room.release(count);
        }
    }

    /** Room neither queued, running nor reserved. */
    public int available() {
        return room.availablePermits();
    }

    private void enqueue(String aggregateId, T item) {
        Lane<T> lane = append(aggregateId, item);
        if (lane != null) {
            ready.add(lane);
        }
    }

    /**
     * Appends the item to its lane; a lane that was idle is marked scheduled and returned, and the caller must put
     * it on the ready queue (no worker does while it is marked).
     */
    private Lane<T> append(String aggregateId, T item) {
        String key = aggregateId != null ? aggregateId
                : ROUND_ROBIN_PREFIX + Math.floorMod(roundRobin.getAndIncrement(), roundRobinLanes);
        while (true) {
            Lane<T> lane = lanes.computeIfAbsent(key, Lane::new);
            synchronized (lane) {
                if (lane.retired) {
                    continue;
                }
                lane.items.addLast(item);
                if (lane.scheduled) {
                    return null;
                }
                lane.scheduled = true;
                return lane;
            }
        }
    }

    /**
     * Runs the next item of a lane that has work, on the calling worker thread. While it runs, no other item of
     * that lane is handed out.
     *
     * @return {@code false} if no lane had work within {@code wait}
     */
    public boolean runNext(Duration wait, Consumer<T> runner) throws InterruptedException {
        Lane<T> lane = ready.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (lane == null) {
            return false;
        }
        T item;
        synchronized (lane) {
            item = lane.items.pollFirst();
            if (item == null) {
                // Everything it held was discarded while it waited for a worker.
                retire(lane);
                return true;
            }
        }
        try {
            runner.accept(item);
        } finally {
            room.release();
            synchronized (lane) {
                if (lane.items.isEmpty()) {
                    retire(lane);
                } else {
                    ready.add(lane);
                }
            }
        }
        return true;
    }

    /**
     * Runs up to {@code max} queued items as one batch on the calling worker: the next lane with work, then further
     * lanes as long as they are ready within {@code fill}, taking each lane's queued items in order. While the batch
     * runs, none of its lanes hands out anything else, so no two batches hold items of one aggregate.
     *
     * @return {@code false} if no lane had work within {@code wait}
     */
    public boolean runNextBatch(int max, Duration wait, Duration fill, Consumer<List<T>> runner)
            throws InterruptedException {
        Lane<T> first = ready.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (first == null) {
            return false;
        }
        List<Lane<T>> taken = new ArrayList<>();
        List<T> batch = new ArrayList<>(Math.min(max, 1_024));
        take(first, batch, max, taken);
        long fillUntil = System.nanoTime() + fill.toNanos();
        while (batch.size() < max) {
            long left = fillUntil - System.nanoTime();
            Lane<T> next = left > 0 ? ready.poll(left, TimeUnit.NANOSECONDS) : ready.poll();
            if (next == null) {
                break;
            }
            take(next, batch, max, taken);
        }
        if (batch.isEmpty()) {
            return true;
        }
        try {
            runner.accept(batch);
        } finally {
            room.release(batch.size());
            for (Lane<T> lane : taken) {
                synchronized (lane) {
                    if (lane.items.isEmpty()) {
                        retire(lane);
                    } else {
                        ready.add(lane);
                    }
                }
            }
        }
        return true;
    }

    private void take(Lane<T> lane, List<T> batch, int max, List<Lane<T>> taken) {
        synchronized (lane) {
            if (lane.items.isEmpty()) {
                retire(lane);
                return;
            }
            while (batch.size() < max && !lane.items.isEmpty()) {
                batch.add(lane.items.pollFirst());
            }
            taken.add(lane);
        }
    }

    /**
     * Removes the queued items that match (never one that is running) and frees their room, e.g. the records of
     * partitions that moved to another consumer. Each lane keeps the order of what is left.
     *
     * @return the removed items
     */
    public List<T> discardQueued(Predicate<? super T> which) {
        List<T> removed = new ArrayList<>();
        for (Lane<T> lane : lanes.values()) {
            synchronized (lane) {
                lane.items.removeIf(item -> which.test(item) && removed.add(item));
            }
        }
        room.release(removed.size());
        return removed;
    }

    /** Called under the lane's monitor once it is empty and no worker runs it. */
    private void retire(Lane<T> lane) {
        lane.scheduled = false;
        lane.retired = true;
        lanes.remove(lane.key, lane);
    }

    /** Items queued or running, and room reserved for items on their way. */
    public int size() {
        return capacity - room.availablePermits();
    }

    public int capacity() {
        return capacity;
    }

    /** Lanes with work (queued or running). */
    public int activeLanes() {
        return lanes.size();
    }

    private static final class Lane<T> {
        final String key;
        final ArrayDeque<T> items = new ArrayDeque<>();
        boolean scheduled;
        boolean retired;

        Lane(String key) {
            this.key = key;
        }
    }
}
