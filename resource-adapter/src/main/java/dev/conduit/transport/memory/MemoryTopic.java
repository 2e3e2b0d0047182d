package dev.conduit.transport.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.conduit.api.BackPressureException;

/**
 * One in-memory topic: an append-only log of at most {@code capacity} messages in a ring, with a cursor per
 * consumer group (fetch position, committed position, completed offsets above it). A message is dropped only once
 * every group that reads the topic committed it; when the log is full of messages some group (or no group yet)
 * still needs, a publish is refused rather than anything being lost. Guarded by the topic's monitor: this is the
 * broker, not the adapter's publish path.
 */
final class MemoryTopic {

    /** A stored message. */
    record Stored(long offset, String key, byte[] payload, Map<String, String> headers, Instant timestamp) {
    }

    private final String name;
    private final Stored[] ring;
    private final Map<String, Cursor> groups = new HashMap<>();
    private final List<Runnable> onAppend = new CopyOnWriteArrayList<>();
    private long first;
    private long next;

    MemoryTopic(String name, int capacity) {
        this.name = name;
        this.ring = new Stored[capacity];
    }

    String name() {
        return name;
    }

    /**
     * @return the new message's offset
     * @throws BackPressureException when the topic is full of messages not every group has consumed
     */
    long append(String key, byte[] payload, Map<String, String> headers) {
        long offset;
        synchronized (this) {
            if (next - first == ring.length) {
                trim();
            }
            if (next - first == ring.length) {
                throw new BackPressureException("in-memory topic '" + name + "' holds its maximum of " + ring.length
                        + " messages and " + (groups.isEmpty() ? "no consumer group reads it yet"
                        : "groups " + groups.keySet() + " have not consumed them") + "; nothing was stored. Consume "
                        + "them, or raise the topic's maxMessages (topicConfig)");
            }
            offset = next++;
            ring[slot(offset)] = new Stored(offset, key, payload, Map.copyOf(headers), Instant.now());
        }
        onAppend.forEach(Runnable::run);
        return offset;
    }

    /** Frees the messages every group committed. */
    private void trim() {
        long keepFrom = next;
        for (Cursor cursor : groups.values()) {
            keepFrom = Math.min(keepFrom, cursor.committed);
        }
        if (groups.isEmpty()) {
            return;
        }
        while (first < keepFrom) {
            ring[slot(first++)] = null;
        }
    }

    /**
     * Makes {@code consumer} the one reader of this topic for {@code group}; a new group starts at the oldest
     * message kept ({@code latest}: after the newest). {@code wake} runs after every append.
     *
     * @throws IllegalStateException when another activation of the group already reads this topic
     */
    synchronized Cursor join(String group, boolean latest, Runnable wake) {
        Cursor cursor = groups.computeIfAbsent(group, g -> new Cursor(g, latest ? next : first));
        if (cursor.claimed) {
            throw new IllegalStateException("consumer group '" + group + "' already reads in-memory topic '" + name
                    + "' in this adapter; an in-memory group has one reader at a time: use another groupId");
        }
        cursor.claimed = true;
        onAppend.add(wake);
        return cursor;
    }

    /** The group's reader left: what it fetched but did not complete is fetched again by the next one. */
    synchronized void leave(Cursor cursor, Runnable wake) {
        onAppend.remove(wake);
        cursor.position = cursor.committed;
        cursor.done.clear();
        cursor.claimed = false;
    }

    /** Up to {@code max} messages from the group's position on, in order. */
    synchronized List<Stored> fetch(Cursor cursor, int max) {
        int count = (int) Math.min(max, next - cursor.position);
        List<Stored> fetched = new ArrayList<>(Math.max(count, 0));
        for (int i = 0; i < count; i++) {
            fetched.add(ring[slot(cursor.position++)]);
        }
        return fetched;
    }

    /** The message at {@code offset} was delivered (or given up by the failure strategy): commit what is complete. */
    synchronized void complete(Cursor cursor, long offset) {
        if (offset < cursor.committed || !cursor.claimed) {
            return;
        }
        cursor.done.add(offset);
        while (cursor.done.remove(cursor.committed)) {
            cursor.committed++;
        }
    }

    /** Messages the group has not fetched yet. */
    synchronized long lag(Cursor cursor) {
        return next - cursor.position;
    }

    synchronized long committed(String group) {
        Cursor cursor = groups.get(group);
        return cursor == null ? -1 : cursor.committed;
    }

    private int slot(long offset) {
        return (int) (offset % ring.length);
    }

    /** A group's place in the topic; guarded by the topic's monitor. */
    static final class Cursor {
        private final String group;
        private final TreeSet<Long> done = new TreeSet<>();
        private long position;
        private long committed;
        private boolean claimed;

        private Cursor(String group, long start) {
            this.group = group;
            this.position = start;
            this.committed = start;
        }

        String group() {
            return group;
        }
    }
}
