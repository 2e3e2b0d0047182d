package dev.conduit.transport.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.conduit.api.BackPressureException;

/** The in-memory topic's log: bounded without losing anything, one reader per group, rewound on leave. */
class MemoryTopicTest {

    private static final Runnable NO_WAKE = () -> { };

    @Test
    void aFullTopicRefusesPublishesUntilEveryGroupCommittedTheOldest() {
        MemoryTopic topic = new MemoryTopic("orders", 3);
        MemoryTopic.Cursor billing = topic.join("billing", false, NO_WAKE);
        for (int i = 0; i < 3; i++) {
            topic.append("k", new byte[] {(byte) i}, Map.of());
        }

        assertThatThrownBy(() -> topic.append("k", new byte[1], Map.of()))
                .isInstanceOf(BackPressureException.class)
                .hasMessageContaining("in-memory topic 'orders' holds its maximum of 3 messages")
                .hasMessageContaining("[billing]").hasMessageContaining("nothing was stored");

        List<MemoryTopic.Stored> fetched = topic.fetch(billing, 10);
        assertThat(fetched).extracting(MemoryTopic.Stored::offset).containsExactly(0L, 1L, 2L);
        // Fetched is not committed: still refused.
        assertThatThrownBy(() -> topic.append("k", new byte[1], Map.of())).isInstanceOf(BackPressureException.class);
        topic.complete(billing, 1);
        assertThat(topic.committed("billing")).isZero();
        assertThatThrownBy(() -> topic.append("k", new byte[1], Map.of())).isInstanceOf(BackPressureException.class);
        topic.complete(billing, 0);
        assertThat(topic.committed("billing")).isEqualTo(2);

        assertThat(topic.append("k", new byte[1], Map.of())).isEqualTo(3);
        assertThat(topic.append("k", new byte[1], Map.of())).isEqualTo(4);
        assertThatThrownBy(() -> topic.append("k", new byte[1], Map.of())).isInstanceOf(BackPressureException.class);
    }

    @Test
    void aTopicNobodyReadsYetKeepsEverythingUpToItsBoundForTheFirstGroup() {
        MemoryTopic topic = new MemoryTopic("orders", 2);
        topic.append("k", new byte[1], Map.of());
        topic.append("k", new byte[1], Map.of());
        assertThatThrownBy(() -> topic.append("k", new byte[1], Map.of()))
                .hasMessageContaining("no consumer group reads it yet");

        MemoryTopic.Cursor late = topic.join("late", false, NO_WAKE);
        assertThat(topic.fetch(late, 10)).hasSize(2);
        MemoryTopic.Cursor latest = topic.join("newest-only", true, NO_WAKE);
        assertThat(topic.fetch(latest, 10)).isEmpty();
    }

    @Test
    void aGroupHasOneReaderAndWhatItDidNotCompleteIsReadAgainAfterItLeft() {
        MemoryTopic topic = new MemoryTopic("orders", 10);
        for (int i = 0; i < 4; i++) {
            topic.append("k", new byte[1], Map.of());
        }
        MemoryTopic.Cursor first = topic.join("g", false, NO_WAKE);
        assertThatThrownBy(() -> topic.join("g", false, NO_WAKE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already reads in-memory topic");

        assertThat(topic.fetch(first, 4)).hasSize(4);
        topic.complete(first, 0);
        topic.complete(first, 2);
        topic.leave(first, NO_WAKE);

        MemoryTopic.Cursor second = topic.join("g", false, NO_WAKE);
        assertThat(topic.fetch(second, 10)).extracting(MemoryTopic.Stored::offset).containsExactly(1L, 2L, 3L);
        assertThat(topic.lag(second)).isZero();
    }

    @Test
    void everyAppendWakesTheReaders() {
        MemoryTopic topic = new MemoryTopic("orders", 10);
        int[] wakes = new int[1];
        Runnable wake = () -> wakes[0]++;
        MemoryTopic.Cursor cursor = topic.join("g", false, wake);
        topic.append("k", new byte[1], Map.of());
        topic.append("k", new byte[1], Map.of());
        topic.leave(cursor, wake);
        topic.append("k", new byte[1], Map.of());
        assertThat(wakes[0]).isEqualTo(2);
    }
}
