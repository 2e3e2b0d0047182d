package dev.conduit.inbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.conduit.api.BatchEventListener;
import dev.conduit.api.EventListener;
import dev.conduit.metrics.ConsumeMetrics;
import dev.conduit.ordering.AggregateDispatcher;
import dev.conduit.ordering.AggregateIds;

/**
 * The delivery semantics of one activation, between its poller(s) and its delivery workers:
 * <ul>
 * <li>{@code ordering=aggregate}: events of one aggregate are delivered one at a time, in consumed order; a
 * failing event is retried in place, so later events of its aggregate wait behind it.</li>
 * <li>{@code ordering=none}: events are spread over the workers round-robin.</li>
 * <li>{@code guarantee=at-least-once}: an event completes (commit/ack) only after the listener returned or the
 * failure strategy let it go (dead-lettered, ignored). {@code at-most-once}: it completes when handed to a worker; a failure is logged and counted.</li>
 * </ul>
 */
public final class Dispatch {

    private static final Logger LOG = Logger.getLogger(Dispatch.class.getName());

    private final AggregateDispatcher<InFlightEvent> dispatcher;
    private final EndpointDelivery delivery;
    private final ConsumeMetrics metrics;
    private final boolean ordered;
    private final boolean atMostOnce;
    private final AtomicBoolean roomWanted = new AtomicBoolean();
    private volatile int roomMark;
    private volatile Runnable roomWake;

    public Dispatch(int capacity, int workers, EndpointDelivery delivery, ConsumeMetrics metrics, boolean ordered,
                    boolean atMostOnce) {
        this.dispatcher = new AggregateDispatcher<>(capacity, workers);
        this.delivery = delivery;
        this.metrics = metrics;
        this.ordered = ordered;
        this.atMostOnce = atMostOnce;
    }

    /** @return {@code false} if there was no room within {@code wait}; nothing was queued */
    public boolean submit(InFlightEvent item, Duration wait) throws InterruptedException {
        String aggregate = ordered ? AggregateIds.of(item.event()) : null;
        if (!dispatcher.offer(aggregate, item, wait)) {
            return false;
        }
        if (atMostOnce) {
            item.completed();
        }
        return true;
    }

    /**
     * Takes room for up to {@code max} events without waiting (see {@link AggregateDispatcher#reserve}); a source
     * fetches no more than that, so what the broker sends can always be handed over at once.
     */
    public int reserve(int max) {
        return dispatcher.reserve(max);
    }

    /** Hands over an event into room taken with {@link #reserve}; never waits. */
    public void submitReserved(InFlightEvent item) {
        dispatcher.offerReserved(ordered ? AggregateIds.of(item.event()) : null, item);
        if (atMostOnce) {
            item.completed();
        }
    }

    /** Hands over events, in list order, into room taken with {@link #reserve}; never waits. */
    public void submitReserved(List<InFlightEvent> items) {
        dispatcher.offerAllReserved(items, ordered ? item -> AggregateIds.of(item.event()) : item -> null);
        if (atMostOnce) {
            items.forEach(InFlightEvent::completed);
        }
    }

    /** Gives back reserved room that the broker did not fill. */
    public void unreserve(int count) {
        dispatcher.unreserve(count);
    }

    /** Room for more events: neither queued, running nor reserved. */
    public int available() {
        return dispatcher.available();
    }

    /** Runs one queued event on the calling worker; {@code false} if none arrived within {@code wait}. */
    boolean deliverNext(EventListener listener, Duration wait) throws InterruptedException {
        boolean ran = dispatcher.runNext(wait, item -> deliver(listener, item));
        wakeSourceIfRoom(ran);
        return ran;
    }

    /**
     * Runs up to {@code max} queued events as one batch on the calling worker (see
     * {@link AggregateDispatcher#runNextBatch}); {@code false} if none arrived within {@code wait}.
     */
    boolean deliverNextBatch(BatchEventListener listener, int max, Duration wait, Duration fill)
            throws InterruptedException {
        boolean ran = dispatcher.runNextBatch(max, wait, fill, items -> deliverBatch(listener, items));
        wakeSourceIfRoom(ran);
        return ran;
    }

    private void deliverBatch(BatchEventListener listener, List<InFlightEvent> items) {
        List<ConsumedEvent> events = new ArrayList<>(items.size());
        for (InFlightEvent item : items) {
            events.add(item.event());
        }
        if (atMostOnce) {
            try {
                listener.onEvents(List.copyOf(events));
                metrics.consumed(events.size());
            } catch (Exception | LinkageError | AssertionError e) {
                metrics.failedAttempt();
                LOG.log(Level.WARNING, e, () -> "Conduit: listener failed on a batch of " + events.size()
                        + " events (guarantee=at-most-once: not retried)");
            }
            return;
        }
        int done = delivery.deliverBatch(listener, events, () -> items.forEach(InFlightEvent::keepAlive));
        for (int i = 0; i < items.size(); i++) {
            if (i < done) {
                items.get(i).completed();
            } else {
                items.get(i).abandoned();
            }
        }
    }

    private void wakeSourceIfRoom(boolean ran) {
        if (ran && roomWanted.get() && dispatcher.size() <= roomMark && roomWanted.compareAndSet(true, false)) {
            roomWake.run();
        }
    }

    /**
     * Asks for one call of {@code wake} as soon as no more than {@code mark} events are buffered, so a source that
     * paused because the buffer was full resumes the moment there is room instead of at its next poll. Cheap for
     * the workers: one volatile read per event while nothing is wanted.
     *
     * @return {@code false} if there already is that much room (nothing was armed)
     */
    public boolean wakeWhenRoom(int mark, Runnable wake) {
        this.roomMark = mark;
        this.roomWake = wake;
        roomWanted.set(true);
        return !(dispatcher.size() <= mark && roomWanted.compareAndSet(true, false));
    }

    private void deliver(EventListener listener, InFlightEvent item) {
        if (atMostOnce) {
            try {
                listener.onEvent(item.event());
                metrics.consumed();
            } catch (Exception | LinkageError | AssertionError e) {
                metrics.failedAttempt();
                LOG.log(Level.WARNING, e, () -> "Conduit: listener failed on " + item.event()
                        + " (guarantee=at-most-once: not retried)");
            }
            return;
        }
        if (delivery.deliver(listener, item.event(), item::keepAlive).completes()) {
            item.completed();
        } else {
            item.abandoned();
        }
    }

    /**
     * Takes back the queued events that match (never one in the listener) without completing them, e.g. the
     * records of partitions that moved to another consumer; their commit position stays below them.
     *
     * @return how many were taken back
     */
    public int discardQueued(Predicate<InFlightEvent> which) {
        return dispatcher.discardQueued(which).size();
    }

    /** Hands back every event still queued (the activation stopped before delivering it). */
    public void abandonQueued() {
        try {
            while (dispatcher.runNext(Duration.ZERO, InFlightEvent::abandoned)) {
                // drain
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Events queued or being delivered. */
    public int size() {
        return dispatcher.size();
    }

    public int capacity() {
        return dispatcher.capacity();
    }
}
