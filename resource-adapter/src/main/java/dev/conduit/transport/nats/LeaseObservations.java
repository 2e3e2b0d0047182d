package dev.conduit.transport.nats;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.conduit.transport.nats.PartitionAssignment.LeaseState;

/**
 * What one instance has seen of the ownership bucket's keys, and since when. A lease (or a member's heartbeat)
 * counts as expired once its revision has not changed for the lease time, measured on this instance's own
 * monotonic clock from when it first saw that revision. Its owner wrote that revision before anyone could see it,
 * and stops pulling a lease time after it sent that write at the latest, so no clock needs to agree with another
 * and the owner always stops before a taker can start. Bounded: only keys present in the last read are kept.
 * Owned by the ownership thread; not thread-safe.
 */
final class LeaseObservations {

    /** The value a lease has once its owner handed everything back. */
    static final String RELEASED = "released";

    private record Seen(String value, long revision, long since) {
    }

    private final long leaseNanos;
    private final Map<String, Seen> seen = new HashMap<>();

    LeaseObservations(Duration lease) {
        this.leaseNanos = lease.toNanos();
    }

    /** What the bucket holds for {@code key} now: {@code value == null} for nothing (absent or deleted). */
    void saw(String key, String value, long revision, long now) {
        if (value == null) {
            seen.remove(key);
            return;
        }
        Seen before = seen.get(key);
        if (before == null || before.revision != revision) {
            seen.put(key, new Seen(value, revision, now));
        }
    }

    /** Forgets every key not in {@code present} (deleted, or gone with the bucket's max age). */
    void retainOnly(Set<String> present) {
        seen.keySet().retainAll(present);
    }

    LeaseState state(String key, long now) {
        Seen entry = seen.get(key);
        if (entry == null) {
            return LeaseState.ABSENT;
        }
        if (RELEASED.equals(entry.value)) {
            return LeaseState.RELEASED;
        }
        return now - entry.since >= leaseNanos ? LeaseState.EXPIRED : LeaseState.HELD;
    }

    /** The revision last seen for {@code key}, 0 if none (a create then expects the key to be absent). */
    long revision(String key) {
        Seen entry = seen.get(key);
        return entry == null ? 0 : entry.revision;
    }

    String value(String key) {
        Seen entry = seen.get(key);
        return entry == null ? null : entry.value;
    }

    /** The values of the keys under {@code prefix} that are neither released nor expired: live members. */
    Set<String> liveValues(String prefix, long now) {
        Set<String> live = new TreeSet<>();
        seen.forEach((key, entry) -> {
            if (key.startsWith(prefix) && state(key, now) == LeaseState.HELD) {
                live.add(entry.value);
            }
        });
        return live;
    }
}
