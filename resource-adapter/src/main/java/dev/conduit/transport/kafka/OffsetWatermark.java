package dev.conduit.transport.kafka;

import java.util.ArrayList;
import java.util.List;

/**
 * The commit watermark of one partition when its records complete out of order: the offset to commit is the
 * lowest offset not yet completed (or one past the last tracked offset when everything completed). A slow or
 * failing record holds back its partition's commit, never other records' processing.
 *
 * <p>The tracked offsets sit in a ring of primitives with a completed flag each, so tracking and completing a
 * record allocate nothing (the poller does both for every record it hands over, and boxed offsets in a deque and a
 * set were a tenth of its time draining a backlog); completing an offset behind the oldest is a binary search.
 *
 * <p>Owned by the partition's consumer thread (not thread-safe); completions reach it through that thread.
 */
public final class OffsetWatermark {

    private static final int INITIAL_CAPACITY = 64;

    private long[] offsets = new long[INITIAL_CAPACITY];
    private boolean[] completed = new boolean[INITIAL_CAPACITY];
    private int head;
    private int size;
    private int completedCount;
    private long next = -1;
    private boolean retired;

    /** Registers a record handed to processing; offsets must be tracked in increasing order. */
    public void track(long offset) {
        if ((size > 0 && offset <= offsetAt(size - 1)) || offset < next) {
            throw new IllegalArgumentException("offset " + offset + " tracked out of order (last "
                    + (size > 0 ? offsetAt(size - 1) : next - 1) + ")");
        }
        if (size == offsets.length) {
            grow();
        }
        int slot = slot(size);
        offsets[slot] = offset;
        completed[slot] = false;
        size++;
    }

    /** Marks a tracked record as completed (delivered or dead-lettered). Ignored once {@link #retire}d. */
    public void complete(long offset) {
        if (retired) {
            return;
        }
        int index = indexOf(offset);
        if (index < 0) {
            throw new IllegalArgumentException("offset " + offset + " is not pending");
        }
        if (index > 0) {
            int slot = slot(index);
            if (!completed[slot]) {
                completed[slot] = true;
                completedCount++;
            }
            return;
        }
        removeHead();
        while (size > 0 && completed[head]) {
            completed[head] = false;
            completedCount--;
            removeHead();
        }
    }

    /** The offset to commit (Kafka semantics: the next record to read), or {@code -1} if nothing completed. */
    public long committable() {
        return size == 0 ? next : offsets[head];
    }

    /** Completed records above {@link #committable()}: a gap (a record not completed) lies before each of them. */
    public List<Long> completedAhead() {
        List<Long> ahead = new ArrayList<>(completedCount);
        for (int i = 0; i < size && ahead.size() < completedCount; i++) {
            if (completed[slot(i)]) {
                ahead.add(offsetAt(i));
            }
        }
        return ahead;
    }

    /** Tracked records not yet completed. */
    public int inFlight() {
        return size - completedCount;
    }

    /**
     * The partition moved away: completions reported later (by listeners that finished after the revocation) no
     * longer count. A partition assigned again gets a new watermark.
     */
    public void retire() {
        retired = true;
    }

    private void removeHead() {
        next = offsets[head] + 1;
        head = (head + 1) & (offsets.length - 1);
        size--;
    }

    /** Where the offset is among the tracked ones (0 = oldest), or -1 if it is not tracked. */
    private int indexOf(long offset) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long found = offsetAt(middle);
            if (found < offset) {
                low = middle + 1;
            } else if (found > offset) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -1;
    }

    private long offsetAt(int index) {
        return offsets[slot(index)];
    }

    private int slot(int index) {
        return (head + index) & (offsets.length - 1);
    }

    /** Doubles the ring (its length stays a power of two), the oldest record first again. */
    private void grow() {
        long[] moreOffsets = new long[offsets.length * 2];
        boolean[] moreCompleted = new boolean[offsets.length * 2];
        for (int i = 0; i < size; i++) {
            moreOffsets[i] = offsets[slot(i)];
            moreCompleted[i] = completed[slot(i)];
        }
        offsets = moreOffsets;
        completed = moreCompleted;
        head = 0;
    }
}
