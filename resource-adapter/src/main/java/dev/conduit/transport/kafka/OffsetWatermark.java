package dev.conduit.transport.kafka;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * The commit watermark of one partition when its records complete out of order: the offset to commit is the
 * lowest offset not yet completed (or one past the last tracked offset when everything completed). A slow or
 * failing record holds back its partition's commit, never other records' processing.
 *
 * <p>Owned by the partition's consumer thread (not thread-safe); completions reach it through that thread.
 */
public final class OffsetWatermark {

    private final ArrayDeque<Long> pending = new ArrayDeque<>();
    private final Set<Long> completedOutOfOrder = new HashSet<>();
    private long next = -1;

    /** Registers a record handed to processing; offsets must be tracked in increasing order. */
    public void track(long offset) {
        Long last = pending.peekLast();
        if ((last != null && offset <= last) || offset < next) {
            throw new IllegalArgumentException("offset " + offset + " tracked out of order (last " + last + ")");
        }
        pending.addLast(offset);
    }

    /** Marks a tracked record as completed (delivered or dead-lettered). */
    public void complete(long offset) {
        Long head = pending.peekFirst();
        if (head == null || offset < head) {
            throw new IllegalArgumentException("offset " + offset + " is not pending");
        }
        if (offset == head) {
            pending.pollFirst();
            next = offset + 1;
            while (!pending.isEmpty() && completedOutOfOrder.remove(pending.peekFirst())) {
                next = pending.pollFirst() + 1;
            }
        } else {
            completedOutOfOrder.add(offset);
        }
    }

    /** The offset to commit (Kafka semantics: the next record to read), or {@code -1} if nothing completed. */
    public long committable() {
        return pending.isEmpty() ? next : pending.peekFirst();
    }

    /** Completed records above {@link #committable()}: a gap (a record not completed) lies before each of them. */
    public Set<Long> completedAhead() {
        return Collections.unmodifiableSet(completedOutOfOrder);
    }

    /** Tracked records not yet completed. */
    public int inFlight() {
        return pending.size() - completedOutOfOrder.size();
    }
}
