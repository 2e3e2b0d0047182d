package dev.conduit.transport.nats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;

import dev.conduit.inbound.AdapterWork;
import dev.conduit.inbound.StopSignal;
import dev.conduit.transport.nats.PartitionAssignment.LeaseState;
import dev.conduit.transport.nats.PartitionAssignment.PartitionId;
import dev.conduit.transport.nats.PartitionAssignment.Plan;

/**
 * Shares a group's partitions among the instances (application servers) that consume it, through a JetStream
 * key-value bucket: one key per partition whose value is its owner's id, written only with the revision last seen
 * (compare-and-set, so two instances never both win a partition, and an owner whose renewal fails with a newer
 * revision knows at once that it lost it), and one heartbeat key per member. Every quarter of the lease time it
 * beats, renews what it owns, reads the bucket and follows {@link PartitionAssignment}: claims free partitions up to
 * its share, asks its pullers to hand back what is beyond it. At stop it keeps renewing until the pullers handed
 * everything back in order, then marks their leases released, so the next owner starts at once.
 */
final class PartitionOwnership extends AdapterWork {

    private static final Logger LOG = Logger.getLogger(PartitionOwnership.class.getName());
    private static final String MEMBER_PREFIX = "m.";
    private static final Duration HAND_BACK_WAIT = Duration.ofSeconds(45);

    private final KeyValue bucket;
    private final String me;
    private final String memberKey;
    private final Duration renewEvery;
    private final long activeNanos;
    private final Map<String, Integer> partitions;
    private final Map<PartitionId, PartitionLease> leases;
    private final LeaseObservations observed;
    private final CountDownLatch pullersDone;
    private final Semaphore wake = new Semaphore(0);
    private Set<PartitionId> reported = Set.of();

    /**
     * @param lease       how long a lease lasts without renewal
     * @param longestPull the longest a pull stays open (its expiry plus the grace before it is given up): an owner
     *                    stops pulling that long before its lease could be seen expired
     */
    PartitionOwnership(String name, StopSignal stop, KeyValue bucket, String me, Duration lease,
                       Duration longestPull, Map<String, Integer> partitions, Map<PartitionId, PartitionLease> leases,
                       CountDownLatch pullersDone) {
        super(name, stop);
        this.bucket = bucket;
        this.me = me;
        this.memberKey = MEMBER_PREFIX + me;
        this.renewEvery = lease.dividedBy(4);
        this.activeNanos = lease.minus(longestPull).toNanos();
        this.partitions = partitions;
        this.leases = leases;
        this.observed = new LeaseObservations(lease);
        this.pullersDone = pullersDone;
    }

    /** A puller handed a partition back: release it now instead of at the next beat. */
    void wake() {
        wake.release();
    }

    @Override
    protected void wakeUp() {
        wake.release();
    }

    @Override
    protected void execute() {
        try {
            while (!stop.isRaised()) {
                beat();
                if (wake.tryAcquire(renewEvery.toMillis(), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            leave();
        }
    }

    private void beat() {
        heartbeat();
        renewOwned();
        releaseHandedBack();
        long now = System.nanoTime();
        if (!read(now)) {
            return;
        }
        Set<PartitionId> owned = new HashSet<>();
        leases.values().forEach(lease -> {
            if (lease.state() == PartitionLease.State.OWNED) {
                owned.add(lease.id());
            }
        });
        Set<String> members = observed.liveValues(MEMBER_PREFIX, now);
        Map<PartitionId, LeaseState> states = new HashMap<>();
        leases.values().forEach(lease -> states.put(lease.id(), observed.state(lease.key(), now)));
        Plan plan = PartitionAssignment.plan(me, members, partitions, states, owned);
        plan.release().forEach(id -> leases.get(id).requestRelease());
        plan.claim().forEach((id, state) -> claim(leases.get(id), state));
        report(members);
    }

    private void heartbeat() {
        try {
            bucket.put(memberKey, me);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            LOG.log(Level.FINE, "Conduit: " + name() + " could not beat", e);
        }
    }

    private void renewOwned() {
        for (PartitionLease lease : leases.values()) {
            PartitionLease.State state = lease.state();
            if (state != PartitionLease.State.OWNED && state != PartitionLease.State.RELEASING) {
                continue;
            }
            long sent = System.nanoTime();
            try {
                lease.renewed(bucket.update(lease.key(), bytes(me), lease.revision()), sent + activeNanos);
            } catch (JetStreamApiException e) {
                lease.lost();
                LOG.warning(() -> "Conduit: " + name() + " lost partition " + lease.id() + " (the bucket has a newer "
                        + "revision: " + e.getMessage() + "); it no longer pulls it");
            } catch (IOException | RuntimeException e) {
                if (!lease.valid(System.nanoTime())) {
                    lease.lost();
                    LOG.warning(() -> "Conduit: " + name() + " could not renew partition " + lease.id() + " in time ("
                            + e + "); it stopped pulling it, another instance may take it over");
                }
            }
        }
    }

    private void releaseHandedBack() {
        for (PartitionLease lease : leases.values()) {
            if (lease.state() != PartitionLease.State.HANDED_BACK) {
                continue;
            }
            try {
                bucket.update(lease.key(), bytes(LeaseObservations.RELEASED), lease.revision());
                LOG.fine(() -> "Conduit: " + name() + " released partition " + lease.id());
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                // It expires instead; the next owner then waits for unacknowledged messages, which is safe.
                LOG.log(Level.FINE, "Conduit: " + name() + " could not release partition " + lease.id(), e);
            }
            lease.lost();
        }
    }

    /** Reads every partition's lease and the members' heartbeats; {@code false} if the bucket could not be read. */
    private boolean read(long now) {
        try {
            Set<String> present = new HashSet<>();
            for (PartitionLease lease : leases.values()) {
                see(lease.key(), now, present);
            }
            for (String key : bucket.keys(MEMBER_PREFIX + ">")) {
                see(key, now, present);
            }
            observed.retainOnly(present);
            return true;
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            LOG.log(Level.FINE, "Conduit: " + name() + " could not read the ownership bucket", e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void see(String key, long now, Set<String> present) throws IOException, JetStreamApiException {
        KeyValueEntry entry = bucket.get(key);
        if (entry == null || entry.getOperation() != KeyValueOperation.PUT) {
            observed.saw(key, null, 0, now);
            return;
        }
        present.add(key);
        observed.saw(key, entry.getValueAsString(), entry.getRevision(), now);
    }

    private void claim(PartitionLease lease, LeaseState seen) {
        long sent = System.nanoTime();
        try {
            long revision = seen == LeaseState.ABSENT ? bucket.create(lease.key(), bytes(me))
                    : bucket.update(lease.key(), bytes(me), observed.revision(lease.key()));
            lease.claimed(revision, sent + activeNanos, seen == LeaseState.RELEASED);
            if (seen == LeaseState.EXPIRED) {
                LOG.info(() -> "Conduit: " + name() + " took over partition " + lease.id() + " from "
                        + observed.value(lease.key()) + ", which stopped renewing it");
            }
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            // Another instance was faster, or the bucket is unreachable: the next beat sees which.
            LOG.log(Level.FINE, "Conduit: " + name() + " did not get partition " + lease.id(), e);
        }
    }

    private void report(Collection<String> members) {
        Set<PartitionId> owned = new TreeSet<>();
        leases.values().forEach(lease -> {
            if (lease.state() == PartitionLease.State.OWNED) {
                owned.add(lease.id());
            }
        });
        if (!owned.equals(reported)) {
            reported = owned;
            LOG.info(() -> "Conduit: " + name() + " (" + me + ") owns " + owned.size() + " of " + leases.size()
                    + " partitions " + owned + "; members " + members);
        }
    }

    /**
     * Keeps renewing while the pullers hand back what they hold (bounded), then releases what they handed back and
     * leaves the group.
     */
    private void leave() {
        long deadline = System.nanoTime() + HAND_BACK_WAIT.toNanos();
        try {
            while (!pullersDone.await(renewEvery.toMillis(), TimeUnit.MILLISECONDS)
                    && System.nanoTime() - deadline < 0) {
                renewOwned();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        releaseHandedBack();
        try {
            bucket.delete(memberKey);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            LOG.log(Level.FINE, "Conduit: " + name() + " could not leave the group's member list", e);
        }
    }

    /** Instance ids are key tokens: letters, digits, '-' and '_'. */
    static String instanceId(String connectionName) {
        return NatsStreams.streamName(connectionName) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
