package dev.conduit.transport.nats;

/**
 * Whether it is this instance's turn to pull a partition, as its {@link PartitionLease} says, and how a turn ended.
 * A topic that is not partitioned is always this instance's turn. Owned by the puller thread; not thread-safe.
 */
final class PartitionTurn {

    /** What {@link #follow(long)} found. */
    enum Change {
        NONE,
        /** A turn started: pull on a fresh inbox, after a check for lost deliveries if {@link #mayHaveLostDeliveries}. */
        STARTED,
        /** The lease goes to another member in an orderly way: hand everything back in order, then release it. */
        HAND_BACK,
        /** The lease ran out or was taken without a hand-over: stop at once and leave what is held to expire. */
        DROP
    }

    private final NatsPuller.Partition partition;
    private final PartitionLease lease;
    private boolean owning;
    private int ownedGeneration;
    private boolean mayHaveLostDeliveries;

    PartitionTurn(NatsPuller.Partition partition) {
        this.partition = partition;
        this.lease = partition.lease();
    }

    Change follow(long now) {
        if (lease == null) {
            return Change.NONE;
        }
        boolean mayDeliver = lease.mayDeliver(now);
        if (owning && (!mayDeliver || lease.generation() != ownedGeneration)) {
            owning = false;
            return lease.state() == PartitionLease.State.RELEASING && lease.valid(now) ? Change.HAND_BACK
                    : Change.DROP;
        }
        if (!owning && mayDeliver) {
            owning = true;
            // Back on the same claim after the lease had run out here (a late renewal): what this puller forgot
            // then is unacknowledged on the server, so it waits for it as after any take-over.
            boolean sameClaim = lease.generation() == ownedGeneration;
            ownedGeneration = lease.generation();
            mayHaveLostDeliveries = sameClaim || !lease.cleanHandOver();
            return Change.STARTED;
        }
        return Change.NONE;
    }

    /** {@code true} while this instance may pull. */
    boolean owning() {
        return lease == null || owning;
    }

    boolean mayHaveLostDeliveries() {
        return mayHaveLostDeliveries;
    }

    /** {@code true} while what was pulled may still be handed to listeners. */
    boolean mayDeliver(long now) {
        return lease == null || lease.mayDeliver(now);
    }

    /** Whether this is a partition under a lease (not a whole topic). */
    boolean leased() {
        return lease != null;
    }

    boolean leaseValid(long now) {
        return lease == null || lease.valid(now);
    }

    /** A hand-back cut short by the activation's stop: the stop's hand-back covers the partition instead. */
    void keepForStop() {
        owning = true;
    }

    /**
     * Whether what is held may go back to the server at stop: not once the partition belongs to another member,
     * where a nak could bring an old message back behind the new owner's newer ones.
     */
    boolean mayHandBack(long now) {
        return lease == null || (owning && lease.valid(now));
    }

    /** Everything held went back in order: the lease may be released, so the next owner starts at once. */
    void handedBack() {
        if (lease != null) {
            lease.handedBack();
            partition.onHandedBack().run();
        }
    }
}
