package dev.conduit.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class OffsetWatermarkTest {

    @Test
    void aSlowRecordHoldsBackTheCommitUntilItCompletes() {
        OffsetWatermark watermark = new OffsetWatermark();
        for (long offset = 10; offset < 15; offset++) {
            watermark.track(offset);
        }
        assertThat(watermark.committable()).isEqualTo(10);

        watermark.complete(11);
        watermark.complete(12);
        assertThat(watermark.committable()).isEqualTo(10);
        assertThat(watermark.inFlight()).isEqualTo(3);

        watermark.complete(10);
        assertThat(watermark.committable()).isEqualTo(13);

        watermark.complete(14);
        watermark.complete(13);
        assertThat(watermark.committable()).isEqualTo(15);
        assertThat(watermark.inFlight()).isZero();
    }

    @Test
    void nothingCompletedMeansNothingToCommit() {
        OffsetWatermark watermark = new OffsetWatermark();
        assertThat(watermark.committable()).isEqualTo(-1);
        watermark.track(0);
        assertThat(watermark.committable()).isEqualTo(0);
    }

    @Test
    void gapsInOffsetsAreFine() {
        OffsetWatermark watermark = new OffsetWatermark();
        watermark.track(3);
        watermark.track(7);
        watermark.complete(7);
        assertThat(watermark.committable()).isEqualTo(3);
        watermark.complete(3);
        assertThat(watermark.committable()).isEqualTo(8);
    }

    @Test
    void theWatermarkNeverPassesAnIncompleteOffsetInAnyCompletionOrder() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            OffsetWatermark watermark = new OffsetWatermark();
            List<Long> offsets = new ArrayList<>();
            for (long offset = 0; offset < 100; offset++) {
                watermark.track(offset);
                offsets.add(offset);
            }
            Collections.shuffle(offsets, random);
            boolean[] done = new boolean[100];
            for (long offset : offsets) {
                watermark.complete(offset);
                done[(int) offset] = true;
                long committable = watermark.committable();
                for (int i = 0; i < committable; i++) {
                    assertThat(done[i]).as("offset %d below watermark %d", i, committable).isTrue();
                }
                assertThat(committable == 100 || !done[(int) committable]).isTrue();
            }
            assertThat(watermark.committable()).isEqualTo(100);
        }
    }

    @Test
    void thousandsInFlightAcrossTheRingsGrowthKeepTheirOrderAndGaps() {
        OffsetWatermark watermark = new OffsetWatermark();
        for (long offset = 0; offset < 40; offset++) {
            watermark.track(offset);
        }
        for (long offset = 0; offset < 30; offset++) {
            watermark.complete(offset);
        }
        // The ring now wraps: its oldest records sit in the middle of the array when it grows.
        for (long offset = 40; offset < 5_000; offset += 2) {
            watermark.track(offset);
        }
        for (long offset = 42; offset < 5_000; offset += 4) {
            watermark.complete(offset);
        }
        assertThat(watermark.committable()).isEqualTo(30);
        assertThat(watermark.completedAhead()).hasSize(1_240).first().isEqualTo(42L);
        assertThat(watermark.inFlight()).isEqualTo(10 + 2_480 - 1_240);

        for (long offset = 30; offset < 41; offset++) {
            watermark.complete(offset);
        }
        assertThat(watermark.committable()).isEqualTo(44);
        assertThat(watermark.completedAhead()).hasSize(1_239).doesNotContain(42L);
    }

    @Test
    void aRetiredWatermarkIgnoresLateCompletions() {
        OffsetWatermark watermark = new OffsetWatermark();
        watermark.track(7);
        watermark.retire();
        watermark.complete(7);
        watermark.complete(99);
        assertThat(watermark.committable()).isEqualTo(7);
    }

    @Test
    void misuseIsReported() {
        OffsetWatermark watermark = new OffsetWatermark();
        watermark.track(5);
        assertThatThrownBy(() -> watermark.track(5)).hasMessageContaining("out of order");
        assertThatThrownBy(() -> watermark.complete(4)).hasMessageContaining("not pending");
        assertThatThrownBy(() -> watermark.complete(6)).hasMessageContaining("not pending");
    }
}
