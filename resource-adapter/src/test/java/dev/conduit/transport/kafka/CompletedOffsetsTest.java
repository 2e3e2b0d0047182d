package dev.conduit.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

class CompletedOffsetsTest {

    @Test
    void theNextOwnerReadsExactlyWhatCompletedBeyondTheCommittedOffset() {
        OffsetWatermark watermark = new OffsetWatermark();
        LongStream.range(100, 120).forEach(watermark::track);
        List.of(101L, 102L, 105L, 119L).forEach(watermark::complete);

        String metadata = CompletedOffsets.encode(watermark.committable(), watermark.completedAhead());
        CompletedOffsets read = CompletedOffsets.decode(new OffsetAndMetadata(watermark.committable(), metadata));

        assertThat(read.count()).isEqualTo(4);
        assertThat(read.highest()).isEqualTo(119);
        assertThat(LongStream.rangeClosed(95, 125).filter(read::contains).boxed())
                .containsExactly(101L, 102L, 105L, 119L);
    }

    @Test
    void nothingCompletedBeyondTheCommitMeansNoMetadata() {
        assertThat(CompletedOffsets.encode(7, Set.of())).isEmpty();
        assertThat(CompletedOffsets.decode(new OffsetAndMetadata(7, ""))).isNull();
        assertThat(CompletedOffsets.decode(new OffsetAndMetadata(7))).isNull();
        assertThat(CompletedOffsets.decode(null)).isNull();
    }

    @Test
    void metadataOfAnotherKindOrUnreadableIsIgnored() {
        assertThat(CompletedOffsets.decode(new OffsetAndMetadata(7, "committed by a tool"))).isNull();
        assertThat(CompletedOffsets.decode(new OffsetAndMetadata(7, CompletedOffsets.PREFIX + "%%not base64")))
                .isNull();
    }

    /** The broker refuses metadata over offset.metadata.max.bytes (4,096 by default): what is further is left out. */
    @Test
    void completionsFarAheadAreLeftOutSoTheMetadataStaysUnderTheBrokersLimit() {
        long committed = 1_000;
        Set<Long> completed = Set.of(committed + 1, committed + CompletedOffsets.MAX_OFFSETS,
                committed + CompletedOffsets.MAX_OFFSETS + 1, committed + 1_000_000);

        String metadata = CompletedOffsets.encode(committed, completed);
        CompletedOffsets read = CompletedOffsets.decode(new OffsetAndMetadata(committed, metadata));

        assertThat(metadata.length()).isLessThan(4_096);
        assertThat(read.contains(committed + 1)).isTrue();
        assertThat(read.contains(committed + CompletedOffsets.MAX_OFFSETS)).isTrue();
        assertThat(read.contains(committed + CompletedOffsets.MAX_OFFSETS + 1)).isFalse();
        assertThat(read.contains(committed + 1_000_000)).isFalse();
        assertThat(read.count()).isEqualTo(2);
    }
}
