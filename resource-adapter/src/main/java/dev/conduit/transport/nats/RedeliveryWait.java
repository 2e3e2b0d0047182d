package dev.conduit.transport.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;

/**
 * Holds a puller's pulls back after deliveries may have been lost on their way: after a lost connection, or on a
 * partition taken over from an instance that did not hand it back. If the server has more messages of the consumer
 * awaiting acknowledgement than the puller holds, the missing ones come back only when their ack timers run out, and
 * a pull before that brings later messages of their aggregates first; so pulls wait until then (at most ackWait).
 * Owned by the puller thread; not thread-safe.
 */
final class RedeliveryWait {

    private static final Logger LOG = Logger.getLogger(RedeliveryWait.class.getName());
    /**
     * The server finds expired deliveries with a timer; on a starved machine that timer ran more than a second
     * late (the dropped-connections test lost order under the full suite with 1 s), and a pull before it runs gets
     * newer messages first.
     */
    private static final Duration REDELIVERY_GRACE = Duration.ofSeconds(3);

    private final String name;
    private final JetStreamManagement management;
    private final String stream;
    private final String durable;
    private final Duration ackWait;
    private boolean checkPending;
    private long pullsResumeAt = System.nanoTime();

    RedeliveryWait(String name, JetStreamManagement management, String stream, String durable, Duration ackWait) {
        this.name = name;
        this.management = management;
        this.stream = stream;
        this.durable = durable;
        this.ackWait = ackWait;
    }

    /** Pulls may go on from {@code now}, after a check of the consumer if deliveries may have been lost. */
    void restart(long now, boolean mayHaveLostDeliveries) {
        checkPending = mayHaveLostDeliveries;
        pullsResumeAt = now;
    }

    /** Deliveries may have been lost: the consumer is checked before the next pull. */
    void checkBeforeNextPull() {
        checkPending = true;
    }

    boolean checkPending() {
        return checkPending;
    }

    /** When pulls may go on. */
    long pullsResumeAt() {
        return pullsResumeAt;
    }

    boolean allowsPulls(long now) {
        return !checkPending && now - pullsResumeAt >= 0;
    }

    /**
     * Compares what the server has awaiting acknowledgement with what the puller holds, and if it is more, holds
     * pulls back until the missing ones have been redelivered.
     *
     * @param held what the puller holds, counted after the server answered
     * @return how many deliveries were lost and come again (0 if none), or -1 if the consumer could not be read
     *         (try again after a pause)
     */
    int check(long now, IntSupplier held) {
        try {
            long awaitingAck = management.getConsumerInfo(stream, durable).getNumAckPending();
            // Counted after the answer: nothing arrives meanwhile (no pull is open), so held only shrinks while the
            // request is on its way, as workers ack. Counting before let acks made during a slow request hide lost
            // deliveries (the server's count had already dropped by them), and newer messages overtook those.
            int heldBefore = held.getAsInt();
            checkPending = false;
            if (awaitingAck > heldBefore) {
                pullsResumeAt = now + ackWait.toNanos() + REDELIVERY_GRACE.toNanos();
                LOG.info(() -> "Conduit: " + name + ": " + (awaitingAck - heldBefore) + " deliveries of this group "
                        + "are unacknowledged elsewhere (a lost connection, or a server that stopped without handing "
                        + "them back); new messages wait up to ackWait=" + ackWait.toMillis() + " ms until the server "
                        + "redelivers them, so every aggregate stays in order");
                return (int) Math.min(Integer.MAX_VALUE, awaitingAck - heldBefore);
            }
            return 0;
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            LOG.log(Level.FINE, "Conduit: " + name + " could not read its consumer after a reconnect; retrying", e);
            return -1;
        }
    }
}
