package dev.conduit.transport.nats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which partitions one instance of a group should claim or give up, from what it sees: the live members, the
 * partitions of each stream, the state of every partition's lease and the partitions it owns. Pure: every instance
 * that sees the same thing decides the same, and the decisions of all of them spread each stream's partitions
 * evenly (sorted members; member i gets {@code n / m} partitions of a stream, plus one while the remainder lasts,
 * rotated per stream so the extra ones do not all land on the first member). Sticky: an instance keeps what it owns
 * up to its share and only takes partitions that are free (never claimed, released, or their owner stopped renewing),
 * so a member joining or leaving moves only the partitions that must move.
 */
final class PartitionAssignment {

    /** One partition of one stream. */
    record PartitionId(String stream, int partition) implements Comparable<PartitionId> {
        @Override
        public int compareTo(PartitionId other) {
            int byStream = stream.compareTo(other.stream);
            return byStream != 0 ? byStream : Integer.compare(partition, other.partition);
        }

        @Override
        public String toString() {
            return stream + "/" + partition;
        }
    }

    /** A partition's lease as this instance sees it. */
    enum LeaseState {
        /** Never claimed (or gone with the bucket's max age). */
        ABSENT,
        /** Its last owner handed everything back and let go: a taker starts at once. */
        RELEASED,
        /** Its owner stopped renewing: a taker first waits for the owner's unacknowledged messages to come back. */
        EXPIRED,
        /** An owner renews it. */
        HELD;

        boolean free() {
            return this != HELD;
        }
    }

    /** What to do now: claim these (each with the state it was seen in), release these. */
    record Plan(Map<PartitionId, LeaseState> claim, List<PartitionId> release) {
        boolean isEmpty() {
            return claim.isEmpty() && release.isEmpty();
        }
    }

    private PartitionAssignment() {
    }

    /**
     * @param me         this instance's id (counted as live even before its own heartbeat is seen)
     * @param members    the live members' ids
     * @param partitions partitions per stream, in a stable order (the activation's topics)
     * @param leases     the state of every partition's lease; a missing entry counts as {@link LeaseState#ABSENT}
     * @param owned      the partitions this instance owns and is not already giving up
     */
    static Plan plan(String me, Set<String> members, Map<String, Integer> partitions,
                     Map<PartitionId, LeaseState> leases, Set<PartitionId> owned) {
        SortedSet<String> live = new TreeSet<>(members);
        live.add(me);
        List<String> sorted = new ArrayList<>(live);
        int index = sorted.indexOf(me);
        int count = sorted.size();
        Map<PartitionId, LeaseState> claim = new LinkedHashMap<>();
        List<PartitionId> release = new ArrayList<>();
        int streamIndex = 0;
        for (Map.Entry<String, Integer> stream : partitions.entrySet()) {
            int total = stream.getValue();
            int share = total / count + (Math.floorMod(index - streamIndex, count) < total % count ? 1 : 0);
            streamIndex++;
            List<PartitionId> mine = new ArrayList<>();
            List<PartitionId> free = new ArrayList<>();
            for (int p = 0; p < total; p++) {
                PartitionId id = new PartitionId(stream.getKey(), p);
                if (owned.contains(id)) {
                    mine.add(id);
                } else if (leases.getOrDefault(id, LeaseState.ABSENT).free()) {
                    free.add(id);
                }
            }
            // Give up the highest first, take the lowest first: every instance agrees on which ones move.
            for (int i = mine.size() - 1; i >= share; i--) {
                release.add(mine.get(i));
            }
            for (int i = 0; i < share - mine.size() && i < free.size(); i++) {
                PartitionId id = free.get(i);
                claim.put(id, leases.getOrDefault(id, LeaseState.ABSENT));
            }
        }
        return new Plan(claim, release);
    }
}
