package dev.conduit.transport.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import dev.conduit.inbound.ConsumedEvent;
import dev.conduit.inbound.InFlightEvent;

/**
 * What the poller commits: an {@link OffsetWatermark} per assigned partition, fed by the completions delivery
 * workers report through a concurrent queue; only the poller thread (which owns the consumer) reads it and commits.
 * Every commit carries the records completed beyond the watermark ({@link CompletedOffsets}), and a partition's
 * next owner skips those, so a partition that moves is not processed twice behind a gap.
 */
final class KafkaCommits {

    private static final Logger LOG = Logger.getLogger(KafkaCommits.class.getName());
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);

    private final Queue<KafkaInFlight> completions = new ConcurrentLinkedQueue<>();
    private final Map<TopicPartition, OffsetWatermark> watermarks = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    private final Map<TopicPartition, CompletedOffsets> completedByPrevious = new HashMap<>();
    private long lastCommit;

    /** The watermark of the partition's current assignment, which {@link #track} takes. */
    OffsetWatermark watermark(TopicPartition partition) {
        return watermarks.computeIfAbsent(partition, p -> new OffsetWatermark());
    }

    /** Tracks a fetched record in its partition's {@link #watermark}; the returned event reports completion here. */
    InFlightEvent track(ConsumedEvent event, TopicPartition partition, OffsetWatermark watermark) {
        watermark.track(event.position());
        return new KafkaInFlight(event, partition, watermark, completions);
    }

    /** The partition of an event tracked here, or {@code null} for another kind of event. */
    static TopicPartition partitionOf(InFlightEvent item) {
        return item instanceof KafkaInFlight record ? record.partition() : null;
    }

    /**
     * Applies completions reported by the workers and commits every watermark that moved: asynchronously while
     * consuming (at most every {@link #COMMIT_INTERVAL}, never blocking the poll loop), synchronously before
     * partitions move and at stop, where the commit must have happened before anyone else reads them.
     */
    void settle(KafkaConsumer<byte[], byte[]> kafka, boolean sync) {
        KafkaInFlight completion;
        while ((completion = completions.poll()) != null) {
            // A record of an earlier assignment of the partition (revoked since) no longer counts: see forget.
            completion.watermark().complete(completion.event().position());
        }
        long now = System.nanoTime();
        if (!sync && now - lastCommit < COMMIT_INTERVAL.toNanos()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        watermarks.forEach((partition, watermark) -> {
            long committable = watermark.committable();
            if (committable < 0) {
                return;
            }
            OffsetAndMetadata commit = new OffsetAndMetadata(committable,
                    CompletedOffsets.encode(committable, watermark.completedAhead()));
            // A synchronous commit does not trust async commits that may still be on their way.
            if (sync || !commit.equals(committed.get(partition))) {
                offsets.put(partition, commit);
            }
        });
        if (offsets.isEmpty()) {
            return;
        }
        lastCommit = now;
        committed.putAll(offsets);
        if (!sync) {
            kafka.commitAsync(offsets, (done, failure) -> {
                if (failure != null) {
                    // Committed again by the next settle; until then a restart would deliver those records again.
                    done.keySet().forEach(committed::remove);
                    LOG.log(Level.FINE, "Conduit: committing " + done + " failed; retrying", failure);
                }
            });
            return;
        }
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                kafka.commitSync(offsets);
                return;
            } catch (WakeupException e) {
                // A stop or a worker making room woke us while committing; the wake-up is consumed, so commit again.
            } catch (KafkaException e) {
                offsets.keySet().forEach(committed::remove);
                LOG.log(Level.WARNING, "Conduit: committing " + offsets + " failed; those records will be "
                        + "delivered again (at-least-once)", e);
                return;
            }
        }
        offsets.keySet().forEach(committed::remove);
    }

    /** Records of these partitions in a listener now: handed out, not completed, not taken back. */
    int running(Collection<TopicPartition> partitions, Map<TopicPartition, Integer> takenBack) {
        int count = 0;
        for (TopicPartition partition : partitions) {
            OffsetWatermark watermark = watermarks.get(partition);
            count += watermark == null ? 0 : watermark.inFlight() - takenBack.getOrDefault(partition, 0);
        }
        return count;
    }

    /** The partitions moved to another member: their records no longer count here. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> {
            OffsetWatermark watermark = watermarks.remove(partition);
            if (watermark != null) {
                watermark.retire();
            }
            committed.remove(partition);
            completedByPrevious.remove(partition);
        });
    }

    /**
     * Partitions were assigned: reads what their last owners recorded as completed beyond the committed offsets.
     *
     * @return how many records will be skipped because of it
     */
    int assigned(KafkaConsumer<byte[], byte[]> kafka, Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> commits = null;
        for (int attempt = 1; attempt <= 2 && commits == null; attempt++) {
            try {
                commits = kafka.committed(Set.copyOf(partitions));
            } catch (WakeupException e) {
                // A worker making room woke the consumer; the wake-up is consumed, so ask again.
            } catch (KafkaException e) {
                LOG.log(Level.WARNING, "Conduit: could not read the committed offsets of " + partitions + "; records "
                        + "their last owner completed beyond them are delivered again (at-least-once)", e);
                return 0;
            }
        }
        int skipped = 0;
        for (TopicPartition partition : partitions) {
            CompletedOffsets completed = commits == null ? null : CompletedOffsets.decode(commits.get(partition));
            if (completed == null) {
                completedByPrevious.remove(partition);
            } else {
                completedByPrevious.put(partition, completed);
                skipped += completed.count();
            }
        }
        return skipped;
    }

    /**
     * Whether the partition's last owner completed this record beyond its committed offset: then it counts as
     * completed here at once, and is not delivered again.
     */
    boolean completedByPrevious(TopicPartition partition, long offset) {
        CompletedOffsets completed = completedByPrevious.get(partition);
        if (completed == null) {
            return false;
        }
        if (offset > completed.highest()) {
            completedByPrevious.remove(partition);
            return false;
        }
        if (!completed.contains(offset)) {
            return false;
        }
        OffsetWatermark watermark = watermarks.computeIfAbsent(partition, p -> new OffsetWatermark());
        watermark.track(offset);
        watermark.complete(offset);
        return true;
    }

    /**
     * A record in delivery, with the watermark it was tracked in (one per assignment of its partition); completion
     * is reported back to the poller thread, which owns the consumer, by queueing the record itself.
     */
    private record KafkaInFlight(ConsumedEvent event, TopicPartition partition, OffsetWatermark watermark,
                                 Queue<KafkaInFlight> completions) implements InFlightEvent {
        @Override
        public void completed() {
            completions.add(this);
        }

        @Override
        public void abandoned() {
            // Never completed: the watermark stays below it and the group delivers it again.
        }
    }
}
