package dev.conduit.transport.nats;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.nats.client.Message;

import dev.conduit.inbound.Dispatch;
import dev.conduit.inbound.StopSignal;

/**
 * How a puller lets go of what it holds: at stop and when its partition goes to another member, everything goes
 * back to the server in stream order once nothing of it can be delivered any more; when its lease is lost, it is
 * forgotten and left to be redelivered to the next owner. Owned by the puller thread.
 */
final class PullerHandBack {

    private static final Logger LOG = Logger.getLogger(PullerHandBack.class.getName());
    private static final Duration WORKERS_WAIT = Duration.ofSeconds(30);
    private static final Duration LISTENERS_POLL = Duration.ofMillis(5);

    private final String name;
    private final PullRequests pulls;
    private final HeldMessages held;
    private final Dispatch dispatch;
    private final PartitionTurn turn;
    private final StopSignal stop;
    private final CountDownLatch workersDone;
    private final PullerUpkeep upkeep;

    PullerHandBack(String name, PullRequests pulls, HeldMessages held, Dispatch dispatch, PartitionTurn turn,
                   StopSignal stop, CountDownLatch workersDone, PullerUpkeep upkeep) {
        this.name = name;
        this.pulls = pulls;
        this.held = held;
        this.dispatch = dispatch;
        this.turn = turn;
        this.stop = stop;
        this.workersDone = workersDone;
        this.upkeep = upkeep;
    }

    /**
     * The partition goes to another member: nothing more is pulled or handed over, what is queued is taken back,
     * what is in a listener finishes, then everything held goes back to the server in stream order, and the lease
     * is released, so the next owner starts at once and gets each aggregate in order.
     */
    void toNextOwner() {
        try {
            if (!finishOpenPull()) {
                LOG.warning(() -> "Conduit: " + name + ": the NATS server did not answer the open pull while the "
                        + "partition was handed over; it is left to expire instead of being released, so its next "
                        + "owner waits for whatever the server may still send to this puller");
                drop();
                return;
            }
            takeBackQueued();
            long deadline = System.nanoTime() + WORKERS_WAIT.toNanos();
            while (held.handedOver() > 0) {
                if (stop.isRaised()) {
                    // The activation stops: its hand-back (in order, then the release) covers this partition.
                    turn.keepForStop();
                    return;
                }
                long now = System.nanoTime();
                if (!turn.leaseValid(now) || now - deadline > 0) {
                    drop();
                    return;
                }
                upkeep.runIfDue(now);
                stop.awaitFor(LISTENERS_POLL);
            }
            held.handBackInOrder();
            turn.handedBack();
            LOG.fine(() -> "Conduit: " + name + " handed its partition back");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drop();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Conduit: " + name + " could not hand its partition back; it expires instead", e);
            drop();
        } finally {
            pulls.startOver();
        }
    }

    /**
     * The lease ran out or went to another instance without a hand-over: stop at once, take back what is queued
     * and forget everything held (no keep-alive, no nak), so the server redelivers it to the next owner, which waits
     * for it before anything newer.
     */
    void drop() {
        takeBackQueued();
        held.revokeAll();
        pulls.startOver();
        LOG.warning(() -> "Conduit: " + name + " no longer holds its partition's lease; it stopped pulling and "
                + "left what it held to be redelivered to the next owner");
    }

    /**
     * At stop (deactivation, failureStrategy=fail, a closed connection): everything held goes back to the server
     * in stream order, once nothing can be delivered any more. First the open pull is let finish (what it still
     * brings is held, not delivered), so no handed-back message is sent straight into it; then the delivery workers
     * end (bounded), what no worker took is abandoned, and all of it is nak'd by stream sequence.
     */
    void atStop() {
        try {
            boolean answered = finishOpenPull();
            awaitWorkers();
            dispatch.abandonQueued();
            if (turn.mayHandBack(System.nanoTime()) && (answered || !turn.leased())) {
                held.handBackInOrder();
                turn.handedBack();
            } else {
                // Not ours any more: a nak now could bring an old message back behind the new owner's newer ones.
                // Or the server never answered the open pull: see finishOpenPull.
                held.revokeAll();
            }
            pulls.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The connection is gone: what was held is redelivered after ackWait, in stream order.
            LOG.log(Level.FINE, "Conduit: " + name + " could not hand back what it held", e);
        } finally {
            pulls.giveUp();
        }
    }

    private void takeBackQueued() {
        dispatch.discardQueued(item -> {
            if (item instanceof NatsInFlight nats && nats.hold().heldBy(held)) {
                nats.hold().handedOver(false);
                return true;
            }
            return false;
        });
    }

    /**
     * Reads until the open pull ended (or is overdue) and nothing is left unread; arrivals are held only.
     *
     * @return {@code false} if the pull was given up unanswered (the server stalled): the server may still answer
     *         it later, into the inbox this puller leaves, and the messages it sends then stay unacknowledged until
     *         {@code ackWait}. A partition is then not released as handed back but left to expire, so that its next
     *         owner waits for those before anything newer.
     */
    private boolean finishOpenPull() throws InterruptedException {
        boolean answered = true;
        while (true) {
            long now = System.nanoTime();
            if (pulls.expireIfOverdue(now)) {
                answered = false;
            }
            if (!pulls.isOpen() && pulls.unread() == 0) {
                return answered;
            }
            Message message = pulls.next();
            if (message == null) {
                continue;
            }
            if (message.isStatusMessage()) {
                if (!message.getStatus().isHeartbeat() && !message.getStatus().isFlowControl()) {
                    pulls.ended(message.getSubject());
                }
            } else if (message.isJetStream()) {
                pulls.notHandedOver(pulls.arrived());
                held.hold(message, JetStreamReply.of(message.getReplyTo()).streamSequence(), now);
            }
        }
    }

    /** Waits (bounded) until no delivery worker can complete or abandon anything any more, keeping holds alive. */
    private void awaitWorkers() throws InterruptedException {
        long deadline = System.nanoTime() + WORKERS_WAIT.toNanos();
        while (!workersDone.await(held.sweepInterval().toMillis(), TimeUnit.MILLISECONDS)
                && System.nanoTime() - deadline < 0) {
            upkeep.runIfDue(System.nanoTime());
        }
    }
}
