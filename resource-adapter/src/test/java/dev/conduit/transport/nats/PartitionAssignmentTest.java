package dev.conduit.transport.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.conduit.transport.nats.PartitionAssignment.LeaseState;
import dev.conduit.transport.nats.PartitionAssignment.PartitionId;
import dev.conduit.transport.nats.PartitionAssignment.Plan;

/** The pure parts of sharing partitions: the plan every instance follows, lease expiry, the partition layout. */
class PartitionAssignmentTest {

    private static final Map<String, Integer> THREE_STREAMS_OF_8 = streams(8, 8, 8);

    /** A group simulated to its fixed point: each instance plans in turn, claims what it may, releases at once. */
    private static Map<PartitionId, String> converge(Set<String> members, Map<String, Integer> partitions,
                                                     Map<PartitionId, String> owners) {
        Map<PartitionId, String> current = new HashMap<>(owners);
        for (int round = 0; round < 20; round++) {
            boolean changed = false;
            for (String member : members) {
                Map<PartitionId, LeaseState> states = new HashMap<>();
                current.forEach((id, owner) -> states.put(id, LeaseState.HELD));
                Set<PartitionId> mine = new HashSet<>();
                current.forEach((id, owner) -> {
                    if (owner.equals(member)) {
                        mine.add(id);
                    }
                });
                Plan plan = PartitionAssignment.plan(member, members, partitions, states, mine);
                for (PartitionId id : plan.release()) {
                    current.remove(id);
                    changed = true;
                }
                for (PartitionId id : plan.claim().keySet()) {
                    assertThat(current).as("claims only free partitions").doesNotContainKey(id);
                    current.put(id, member);
                    changed = true;
                }
            }
            if (!changed) {
                return current;
            }
        }
        throw new AssertionError("no fixed point after 20 rounds: " + current);
    }

    private static Map<String, Integer> countPerMember(Map<PartitionId, String> owners) {
        Map<String, Integer> counts = new HashMap<>();
        owners.values().forEach(owner -> counts.merge(owner, 1, Integer::sum));
        return counts;
    }

    @Test
    void aLoneInstanceClaimsEveryFreePartition() {
        Plan plan = PartitionAssignment.plan("a", Set.of(), THREE_STREAMS_OF_8, Map.of(), Set.of());
        assertThat(plan.claim()).hasSize(24).containsValue(LeaseState.ABSENT);
        assertThat(plan.release()).isEmpty();
    }

    @Test
    void twoInstancesSplitEveryStreamInHalves() {
        Map<PartitionId, String> owners = converge(Set.of("a", "b"), THREE_STREAMS_OF_8, Map.of());
        assertThat(owners).hasSize(24);
        for (String stream : THREE_STREAMS_OF_8.keySet()) {
            long ofA = owners.entrySet().stream().filter(e -> e.getKey().stream().equals(stream)
                    && e.getValue().equals("a")).count();
            assertThat(ofA).as(stream).isEqualTo(4);
        }
    }

    @Test
    void unevenCountsAreRotatedOverTheStreamsSoNoMemberGetsEveryExtraPartition() {
        Map<PartitionId, String> owners = converge(Set.of("a", "b", "c"), THREE_STREAMS_OF_8, Map.of());
        assertThat(owners).hasSize(24);
        assertThat(countPerMember(owners)).containsOnly(Map.entry("a", 8), Map.entry("b", 8), Map.entry("c", 8));
    }

    @Test
    void aJoiningMemberMovesOnlyWhatMustMoveAndTheOwnerGivesUpItsHighestPartitions() {
        Map<PartitionId, String> alone = converge(Set.of("a"), streams(8), Map.of());
        Plan plan = PartitionAssignment.plan("a", Set.of("a", "b"), streams(8), held(alone), alone.keySet());
        assertThat(plan.release()).containsExactly(id(7), id(6), id(5), id(4));
        assertThat(plan.claim()).isEmpty();
        // b sees nothing free until a has released: it waits instead of taking a held partition.
        Plan waiting = PartitionAssignment.plan("b", Set.of("a", "b"), streams(8), held(alone), Set.of());
        assertThat(waiting.isEmpty()).isTrue();

        Map<PartitionId, String> both = converge(Set.of("a", "b"), streams(8), alone);
        assertThat(both.entrySet().stream().filter(e -> e.getValue().equals("a")).map(Map.Entry::getKey))
                .containsExactlyInAnyOrder(id(0), id(1), id(2), id(3));
    }

    @Test
    void whenAMemberDiesTheSurvivorTakesItsExpiredPartitionsAndSaysTheyExpired() {
        Map<PartitionId, String> both = converge(Set.of("a", "b"), streams(8), Map.of());
        Map<PartitionId, LeaseState> states = new HashMap<>();
        Set<PartitionId> mine = new HashSet<>();
        both.forEach((id, owner) -> {
            states.put(id, owner.equals("a") ? LeaseState.HELD : LeaseState.EXPIRED);
            if (owner.equals("a")) {
                mine.add(id);
            }
        });
        Plan plan = PartitionAssignment.plan("a", Set.of("a"), streams(8), states, mine);
        assertThat(plan.claim()).hasSize(4).containsOnlyKeys(both.entrySet().stream()
                .filter(e -> e.getValue().equals("b")).map(Map.Entry::getKey).toList())
                .allSatisfy((id, state) -> assertThat(state).isEqualTo(LeaseState.EXPIRED));
        // While b's heartbeat still counts, a keeps to its half even though b's leases expired.
        Plan stillTwo = PartitionAssignment.plan("a", Set.of("a", "b"), streams(8), states, mine);
        assertThat(stillTwo.isEmpty()).isTrue();
    }

    @Test
    void aPartitionReleasedOnStopIsTakenAsAClean() {
        Map<PartitionId, LeaseState> states = Map.of(id(0), LeaseState.RELEASED, id(1), LeaseState.HELD);
        Plan plan = PartitionAssignment.plan("a", Set.of("a"), streams(2), states, Set.of());
        assertThat(plan.claim()).containsExactly(Map.entry(id(0), LeaseState.RELEASED));
    }

    @Test
    void aLeaseExpiresOnlyAfterItsRevisionStayedTheSameForTheLeaseTime() {
        LeaseObservations seen = new LeaseObservations(Duration.ofSeconds(6));
        long t = 1_000_000_000L;
        seen.saw("p.s.0", "b", 5, t);
        assertThat(seen.state("p.s.0", t + Duration.ofSeconds(5).toNanos())).isEqualTo(LeaseState.HELD);
        // Renewed: the clock starts again from when the new revision was seen.
        seen.saw("p.s.0", "b", 6, t + Duration.ofSeconds(5).toNanos());
        assertThat(seen.state("p.s.0", t + Duration.ofSeconds(10).toNanos())).isEqualTo(LeaseState.HELD);
        // The same revision read again does not restart it.
        seen.saw("p.s.0", "b", 6, t + Duration.ofSeconds(10).toNanos());
        assertThat(seen.state("p.s.0", t + Duration.ofSeconds(11).toNanos())).isEqualTo(LeaseState.EXPIRED);
        assertThat(seen.revision("p.s.0")).isEqualTo(6);

        seen.saw("p.s.1", LeaseObservations.RELEASED, 9, t);
        assertThat(seen.state("p.s.1", t)).isEqualTo(LeaseState.RELEASED);
        seen.saw("p.s.1", null, 0, t);
        assertThat(seen.state("p.s.1", t)).isEqualTo(LeaseState.ABSENT);
        assertThat(seen.revision("p.s.1")).isZero();
    }

    @Test
    void liveMembersAreTheHeartbeatsThatKeepChangingAndForgottenKeysAreDropped() {
        LeaseObservations seen = new LeaseObservations(Duration.ofSeconds(6));
        long t = 0;
        seen.saw("m.a", "a", 1, t);
        seen.saw("m.b", "b", 2, t);
        seen.saw("m.a", "a", 3, t + Duration.ofSeconds(4).toNanos());
        assertThat(seen.liveValues("m.", t + Duration.ofSeconds(7).toNanos())).containsExactly("a");
        seen.retainOnly(Set.of("m.a"));
        assertThat(seen.state("m.b", t)).isEqualTo(LeaseState.ABSENT);
    }

    @Test
    void aggregatesMapToStablePartitionsAndStreamsTellTheirPartitionCount() {
        // FNV-1a 32 of "a" is 0xe40c292c: other languages compute the same partition.
        assertThat(NatsPartitions.fnv1a("a")).isEqualTo(0xe40c292c);
        assertThat(NatsPartitions.partitionOf("order-17", 8)).isEqualTo(NatsPartitions.partitionOf("order-17", 8))
                .isBetween(0, 7);
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            used.add(NatsPartitions.partitionOf("agg-" + i, 8));
        }
        assertThat(used).hasSize(8);
        assertThat(NatsPartitions.subjects("orders", 3)).containsExactly("orders.0", "orders.1", "orders.2");
        assertThat(NatsPartitions.countIn("orders", List.of("orders.0", "orders.1", "orders.2"))).isEqualTo(3);
        assertThat(NatsPartitions.countIn("orders", List.of("orders"))).isEqualTo(1);
        assertThatThrownBy(() -> NatsPartitions.countIn("orders", List.of("orders.0", "orders.2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orders.0 ... orders.<n-1>");
    }

    private static Map<String, Integer> streams(int... counts) {
        Map<String, Integer> streams = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            streams.put("s" + i, counts[i]);
        }
        return streams;
    }

    private static Map<PartitionId, LeaseState> held(Map<PartitionId, String> owners) {
        Map<PartitionId, LeaseState> states = new HashMap<>();
        owners.keySet().forEach(id -> states.put(id, LeaseState.HELD));
        return states;
    }

    private static PartitionId id(int partition) {
        return new PartitionId("s0", partition);
    }
}
