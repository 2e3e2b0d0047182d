package dev.conduit.transport.nats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedeliveryOrderTest {

    @Test
    void redeliveriesThatArriveShuffledAreHandedOverInStreamOrderOnceAllCame() {
        RedeliveryOrder order = new RedeliveryOrder();
        order.expect(4, System.nanoTime() + 1_000_000_000L);

        assertThat(order.add(null, 23, true)).isFalse();
        assertThat(order.add(null, 16, true)).isFalse();
        assertThat(order.add(null, 19, false)).isFalse();
        assertThat(order.add(null, 17, true)).isTrue();

        assertThat(order.inStreamOrder()).extracting(RedeliveryOrder.Waiting::sequence).containsExactly(16L, 17L, 19L,
                23L);
        assertThat(order.collecting()).isFalse();
    }

    @Test
    void forgettingGivesBackTheRoomReservedForWhatWasCollected() {
        RedeliveryOrder order = new RedeliveryOrder();
        order.expect(5, System.nanoTime() + 1_000_000_000L);
        order.add(null, 3, true);
        order.add(null, 1, false);
        order.add(null, 2, true);

        assertThat(order.forget()).isEqualTo(2);
        assertThat(order.collecting()).isFalse();
        assertThat(order.hasWaiting()).isFalse();
    }

    @Test
    void theCollectionIsOverdueAfterItsDeadline() {
        RedeliveryOrder order = new RedeliveryOrder();
        long now = System.nanoTime();
        order.expect(2, now + 1_000);

        assertThat(order.overdue(now)).isFalse();
        assertThat(order.overdue(now + 2_000)).isTrue();
    }
}
