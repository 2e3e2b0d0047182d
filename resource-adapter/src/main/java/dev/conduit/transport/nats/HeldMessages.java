package dev.conduit.transport.nats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.nats.client.Message;

/**
 * The messages of one stream that the adapter holds, from arrival until they are acknowledged or handed back:
 * queued behind a slow event of their aggregate, in the listener, or waiting for a retry. The server would
 * redeliver any of them once {@code ackWait} passed without an ack, behind later events of the same aggregate; so
 * each one is marked in progress (which restarts the server's ack timer) whenever a third of {@code ackWait}
 * passed since it arrived or was last marked. A redelivered copy of a held message is recognised by its stream
 * sequence and not delivered twice.
 */
final class HeldMessages {

    private final ConcurrentMap<Long, Held> held = new ConcurrentHashMap<>();
    private final long touchAfterNanos;

    HeldMessages(Duration ackWait) {
        this.touchAfterNanos = ackWait.toNanos() / 3;
    }

    /** How often {@link #keepAlive} should run so that no held message comes near its ack deadline. */
    Duration sweepInterval() {
        return Duration.ofNanos(touchAfterNanos / 2);
    }

    /** @return the held message, or {@code null} if this stream sequence is already held (a redelivered copy) */
    Held hold(Message message, long streamSequence, long now) {
        Held entry = new Held(message, streamSequence, now);
        return held.putIfAbsent(streamSequence, entry) == null ? entry : null;
    }

    /** Marks every message held for a third of ackWait as in progress. */
    void keepAlive(long now) {
        for (Held entry : held.values()) {
            if (now - entry.touched >= touchAfterNanos) {
                entry.touch(now);
            }
        }
    }

    int size() {
        return held.size();
    }

    /** Held messages handed to the dispatcher and neither completed, abandoned nor taken back: in a listener. */
    int handedOver() {
        int count = 0;
        for (Held entry : held.values()) {
            if (entry.handedOver) {
                count++;
            }
        }
        return count;
    }

    /**
     * Forgets every held message without handing it back, and stops keeping any of them alive: the partition went
     * to another instance without a hand-over, and a nak now could bring an old message back after that instance
     * already received newer ones. The server redelivers them when their ack timers run out, which the new owner
     * waits for. One still in a listener is acknowledged when it completes.
     */
    void revokeAll() {
        for (Held entry : held.values()) {
            entry.revoked = true;
            held.remove(entry.streamSequence, entry);
        }
    }

    /**
     * Hands every message still held back to the server (nak), in stream order. Called once nothing can be
     * delivered any more (the activation stopped, its workers ended): the server redelivers nak'd messages in the
     * order it receives the naks, so handing them back in stream order keeps each aggregate in order for whoever
     * reads next.
     */
    void handBackInOrder() {
        List<Held> all = new ArrayList<>(held.values());
        all.sort(Comparator.comparingLong(entry -> entry.streamSequence));
        for (Held entry : all) {
            if (held.remove(entry.streamSequence, entry)) {
                entry.message.nak();
            }
        }
    }

    /** One held message; acknowledging or handing it back ends the hold. */
    final class Held {
        final Message message;
        private final long streamSequence;
        private volatile long touched;
        private volatile boolean handedOver;
        private volatile boolean revoked;

        private Held(Message message, long streamSequence, long now) {
            this.message = message;
            this.streamSequence = streamSequence;
            this.touched = now;
        }

        void touch(long now) {
            if (revoked) {
                return;
            }
            touched = now;
            message.inProgress();
        }

        /** Handed to the dispatcher (true), or taken back from it (false). */
        void handedOver(boolean value) {
            handedOver = value;
        }

        boolean heldBy(HeldMessages owner) {
            return owner == HeldMessages.this;
        }

        void ack() {
            held.remove(streamSequence, this);
            message.ack();
        }

        /**
         * Not completed (the activation is stopping): it stays held, kept alive, until the puller hands everything
         * back in stream order ({@link #handBackInOrder}). A nak now would let the server redeliver it at once, ahead
         * of earlier messages handed back later, or into a pull that is still open.
         */
        void abandon() {
            handedOver = false;
        }
    }
}
