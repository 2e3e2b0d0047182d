package dev.conduit.transport.kafka;

import java.util.Base64;
import java.util.BitSet;
import java.util.Collection;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * The records of a partition that completed beyond its committed offset, carried in the commit's metadata so that
 * the partition's next owner does not deliver them again. The watermark commit can only cover what completed
 * without a gap; when a partition moves (a graceful stop, a rebalance) while an earlier record is still queued or
 * retrying, the records of other aggregates after it have already been processed. Confluent's Parallel Consumer
 * keeps the same record in the same place.
 *
 * <p>Order per aggregate holds when the next owner skips them: an aggregate's records are delivered one after the
 * other, so its completed records beyond the committed offset are the first ones of it there, and the next owner
 * resumes each aggregate right after them.
 *
 * <p>Encoded as {@code conduit:1:} + the base64 of a bit set whose bit {@code i} stands for offset
 * {@code committed + 1 + i}. It covers at most {@link #MAX_OFFSETS} offsets, so the metadata stays well under the
 * broker's {@code offset.metadata.max.bytes} (4,096 by default); a completed record further ahead is not recorded and
 * is delivered again (at least once, as before).
 */
final class CompletedOffsets {

    static final String PREFIX = "conduit:1:";
    /** 2,400 bytes of bit set: 3,200 characters of base64. */
    static final int MAX_OFFSETS = 8 * 2_400;

    private final long first;
    private final BitSet bits;

    private CompletedOffsets(long first, BitSet bits) {
        this.first = first;
        this.bits = bits;
    }

    /**
     * @param committed the offset committed with it (the first record not completed)
     * @param completed offsets completed beyond it
     * @return the commit metadata: empty when nothing completed beyond {@code committed}
     */
    static String encode(long committed, Collection<Long> completed) {
        if (completed.isEmpty()) {
            return "";
        }
        BitSet bits = new BitSet();
        for (long offset : completed) {
            long index = offset - committed - 1;
            if (index >= 0 && index < MAX_OFFSETS) {
                bits.set((int) index);
            }
        }
        return bits.isEmpty() ? "" : PREFIX + Base64.getEncoder().encodeToString(bits.toByteArray());
    }

    /**
     * @return what a commit says completed beyond its offset, or {@code null} when it says nothing (no commit,
     *         metadata of another kind or version, or unreadable metadata)
     */
    static CompletedOffsets decode(OffsetAndMetadata commit) {
        if (commit == null || commit.metadata() == null || !commit.metadata().startsWith(PREFIX)) {
            return null;
        }
        try {
            BitSet bits = BitSet.valueOf(Base64.getDecoder().decode(commit.metadata().substring(PREFIX.length())));
            return bits.isEmpty() ? null : new CompletedOffsets(commit.offset() + 1, bits);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    boolean contains(long offset) {
        long index = offset - first;
        return index >= 0 && index < bits.length() && bits.get((int) index);
    }

    /** The highest completed offset recorded: past it, nothing is skipped. */
    long highest() {
        return first + bits.length() - 1;
    }

    int count() {
        return bits.cardinality();
    }
}
