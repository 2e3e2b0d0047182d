package dev.conduit.transport.nats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts redeliveries back in stream order. nats-server 2.9 queues the messages whose ack timers ran out in no
 * particular order (it walks a map of pending deliveries), so after a take-over from a crashed server or a lost
 * connection, the redeliveries of one aggregate could arrive as 23, 16, 17, 19, ... ({@code TwoServersOneGroupTest}
 * saw 2,172 events out of order that way). The server sends queued redeliveries before anything new, and
 * {@link RedeliveryWait} knows how many to expect; so the puller collects them and hands them over sorted by
 * stream sequence once all came, a first delivery arrived (nothing queued before it is left), the pull found
 * nothing more, or there is no room left to pull the rest. Owned by the puller thread; not thread-safe.
 */
final class RedeliveryOrder {

    /** A redelivered message waiting for the others; {@code reserved} if its pull had room reserved for it. */
    record Waiting(NatsInFlight item, long sequence, boolean reserved) {
    }

    private final List<Waiting> waiting = new ArrayList<>();
    private int expected;
    private long deadline;

    /** {@code count} deliveries were lost and come again; collect them until {@code deadline} at the latest. */
    void expect(int count, long deadline) {
        this.expected = count;
        this.deadline = deadline;
    }

    boolean collecting() {
        return expected > 0;
    }

    /** @return {@code true} once every expected redelivery arrived */
    boolean add(NatsInFlight item, long sequence, boolean reserved) {
        waiting.add(new Waiting(item, sequence, reserved));
        return waiting.size() >= expected;
    }

    boolean hasWaiting() {
        return !waiting.isEmpty();
    }

    boolean overdue(long now) {
        return collecting() && now - deadline > 0;
    }

    /** Ends the collection: what came, in stream order. */
    List<Waiting> inStreamOrder() {
        List<Waiting> sorted = new ArrayList<>(waiting);
        sorted.sort(Comparator.comparingLong(Waiting::sequence));
        waiting.clear();
        expected = 0;
        return sorted;
    }

    /**
     * Ends the collection without handing anything over (the puller starts over or stops: the messages stay held
     * and go back with the rest).
     *
     * @return the room reserved for them, to give back
     */
    int forget() {
        int reserved = (int) waiting.stream().filter(Waiting::reserved).count();
        waiting.clear();
        expected = 0;
        return reserved;
    }
}
