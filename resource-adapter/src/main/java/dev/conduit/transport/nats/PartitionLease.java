package dev.conduit.transport.nats;

import dev.conduit.transport.nats.PartitionAssignment.PartitionId;

/**
 * This instance's lease on one partition, shared by the ownership thread (which claims, renews and releases it in
 * the bucket) and the partition's puller (which pulls and hands over only while {@link #mayDeliver} says so, and
 * gives the partition back when asked). The puller stops at {@link #activeUntil}: the time the last successful
 * renewal was sent plus the lease time, less the longest a pull stays open; so whatever it pulled has arrived before
 * another instance can see the lease expire.
 */
final class PartitionLease {

    enum State {
        /** Not ours. */
        FREE,
        /** Ours: pull and deliver until {@link #activeUntil}. */
        OWNED,
        /** Ours, but the ownership thread wants it given back (another member's share): stop and hand back. */
        RELEASING,
        /** The puller handed everything back in order; the ownership thread marks the lease released. */
        HANDED_BACK
    }

    private final PartitionId id;
    private final String key;
    private volatile State state = State.FREE;
    private volatile long activeUntil;
    private volatile boolean cleanHandOver;
    private volatile int generation;
    /** Only the ownership thread reads and writes it. */
    private long revision;

    PartitionLease(PartitionId id) {
        this.id = id;
        this.key = "p." + id.stream() + "." + id.partition();
    }

    PartitionId id() {
        return id;
    }

    /** Its key in the ownership bucket. */
    String key() {
        return key;
    }

    State state() {
        return state;
    }

    /** Whether the puller may pull and hand messages over now. */
    boolean mayDeliver(long now) {
        return state == State.OWNED && now - activeUntil < 0;
    }

    /** Whether the lease is still ours at {@code now} (owned or being handed back, not yet run out). */
    boolean valid(long now) {
        State current = state;
        return (current == State.OWNED || current == State.RELEASING) && now - activeUntil < 0;
    }

    /** Changes on every claim, so a puller notices a lease lost and claimed again between two of its looks. */
    int generation() {
        return generation;
    }

    /**
     * Whether its last owner handed everything back and released it, so nothing of it is unacknowledged elsewhere.
     * Otherwise (it stopped renewing, or the lease was new) the puller first compares what the consumer has
     * unacknowledged with what it holds, and waits for the redelivery of the difference.
     */
    boolean cleanHandOver() {
        return cleanHandOver;
    }

    long revision() {
        return revision;
    }

    void claimed(long newRevision, long until, boolean fromRelease) {
        this.revision = newRevision;
        this.cleanHandOver = fromRelease;
        this.activeUntil = until;
        this.generation++;
        this.state = State.OWNED;
    }

    void renewed(long newRevision, long until) {
        this.revision = newRevision;
        this.activeUntil = until;
    }

    void requestRelease() {
        if (state == State.OWNED) {
            state = State.RELEASING;
        }
    }

    /** Called by the puller once everything it held of this partition went back to the server in order. */
    void handedBack() {
        if (state == State.OWNED || state == State.RELEASING) {
            state = State.HANDED_BACK;
        }
    }

    /** Someone else has it, or it ran out, or it was released in the bucket. */
    void lost() {
        state = State.FREE;
        activeUntil = System.nanoTime();
    }

    @Override
    public String toString() {
        return id + " " + state;
    }
}
