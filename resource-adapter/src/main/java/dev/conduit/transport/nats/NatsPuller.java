package dev.conduit.transport.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.impl.NatsJetStreamMetaData;
import io.nats.client.support.Status;

import dev.conduit.inbound.AdapterWork;
import dev.conduit.inbound.CatchUpTracker;
import dev.conduit.inbound.Dispatch;
import dev.conduit.inbound.InFlightEvent;
import dev.conduit.inbound.SourceContext;

/**
 * The one puller of a topic's durable JetStream consumer. It owns a subscription that lives as long as the
 * activation and asks for messages with pull requests on it, one open at a time and never for more than the room it
 * reserved in the activation's {@link Dispatch}; so every message the server sends is handed over at once, in the
 * order the server sent it. Nothing is ever dropped: a message arriving after its pull was given up (overdue, the
 * server paused) still arrives on the same subscription and is handed over into fresh room. Held messages are kept
 * alive ({@link HeldMessages}) until a delivery worker acknowledges them.
 *
 * <p>jnats' own pull consumers are not used: a {@code fetch} stops reading once its own timer ran out and drops what
 * the server still sends for it, and {@code consume} re-subscribes after missed heartbeats, dropping what was on
 * its way. Either leaves a message unacknowledged until the server redelivers it after {@code ackWait}, behind
 * later events of its aggregate.
 *
 * <p>On a partitioned topic there is one puller per partition, each on the partition's own durable consumer, and it
 * pulls only while this instance holds the partition's {@link PartitionLease}. When the lease goes to another member
 * of the group, it hands everything back in order first; when it runs out (this instance could not renew it), it
 * stops at once and forgets what it held, which the server redelivers to the next owner after {@code ackWait}.
 */
final class NatsPuller extends AdapterWork {

    /**
     * What a puller reads: a topic, or one partition of it, under a lease.
     *
     * @param index        the partition, -1 for a topic that is not partitioned
     * @param count        the topic's partitions (1 when not partitioned)
     * @param lease        this instance's lease on the partition, {@code null} when not partitioned
     * @param onHandedBack told when the puller handed everything back and the lease may be released
     * @param onEnded      told when the puller ended (after its hand-back at stop)
     */
    record Partition(String topic, int index, int count, PartitionLease lease, Runnable onHandedBack,
                     Runnable onEnded) {
        static Partition whole(String topic) {
            return new Partition(topic, -1, 1, null, () -> { }, () -> { });
        }
    }

    private static final Logger LOG = Logger.getLogger(NatsPuller.class.getName());
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);
    private static final Duration NO_ROOM_WAIT = Duration.ofMillis(5);
    private static final Duration OPEN_PULL_WAIT = Duration.ofMillis(100);
    private static final Duration HAND_OVER_WAIT = Duration.ofMillis(100);
    /** How long past its expiry a pull may stay unanswered before it is given up (the server paused or restarted). */
    static final Duration OVERDUE_GRACE = Duration.ofSeconds(1);
    private static final int REQUEST_TIMEOUT = 408;
    private static final Duration RESYNC_RETRY = Duration.ofMillis(200);
    /**
     * The server finds expired deliveries with a timer; on a starved machine that timer ran more than a second
     * late (the dropped-connections test lost order under the full suite with 1 s), and a pull before it runs gets
     * newer messages first.
     */
    private static final Duration REDELIVERY_GRACE = Duration.ofSeconds(3);
    private static final Duration BACKLOG_INTERVAL = Duration.ofMillis(500);
    private static final Duration WORKERS_WAIT = Duration.ofSeconds(30);
    private static final Duration NOT_OWNED_WAIT = Duration.ofMillis(50);

    private final Connection connection;
    private final String stream;
    private final String durable;
    private final Duration ackWait;
    private final JetStreamManagement management;
    private final PullInbox inbox;
    private boolean resyncPending;
    private long pullsResumeAt = System.nanoTime();
    private final int batchSize;
    private final int minimumPull;
    private final Duration expires;
    private final Dispatch dispatch;
    private final SourceContext context;
    private final CountDownLatch workersDone;
    private final CatchUpTracker catchUp;
    private final HeldMessages held;
    private final PullWindow window = new PullWindow();
    private long lastSweep = System.nanoTime();
    private long lastBacklogReport;
    private final Partition partition;
    private final PartitionLease lease;
    private boolean owning;
    private int ownedGeneration;

    NatsPuller(String name, Connection connection, JetStreamManagement management, String stream, String durable,
               Duration ackWait, SourceContext context, Partition partition) {
        super(name, context.stop());
        this.partition = partition;
        this.lease = partition.lease();
        this.connection = connection;
        this.stream = stream;
        this.durable = durable;
        this.ackWait = ackWait;
        this.management = management;
        this.inbox = new PullInbox(connection, stream, durable);
        this.batchSize = Math.max(1, context.fetchSizePerTopic() / partition.count());
        // Small pulls cost a round trip each; wait until a quarter of a batch fits.
        this.minimumPull = Math.max(1, batchSize / 4);
        this.expires = context.pollTimeout();
        this.dispatch = context.dispatch();
        this.context = context;
        this.workersDone = context.workersDone();
        this.catchUp = context.catchUp();
        this.held = new HeldMessages(ackWait);
    }

    @Override
    protected void execute() {
        long reconnects = connection.getStatistics().getReconnects();
        inbox.open();
        try {
            while (!stop.isRaised()) {
                long now = System.nanoTime();
                keepAliveIfDue(now);
                if (lease != null && !followLease(now)) {
                    stop.awaitFor(NOT_OWNED_WAIT);
                    continue;
                }
                if (connection.getStatistics().getReconnects() != reconnects) {
                    reconnects = connection.getStatistics().getReconnects();
                    startOverAfterReconnect();
                }
                if (resyncPending && connection.getStatus() == Connection.Status.CONNECTED) {
                    resync(now);
                }
                dispatch.unreserve(window.expireIfOverdue(now));
                if (!window.isOpen() && !resyncPending && now - pullsResumeAt >= 0) {
                    pullIfRoom(now);
                }
                Message message = nextMessage();
                if (message != null) {
                    receive(message);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                handBackInOrder();
            } finally {
                partition.onEnded().run();
            }
        }
    }

    /**
     * Starts or ends this instance's turn on the partition as its lease says; {@code true} while it may pull. A
     * new turn starts on a fresh inbox, and unless the last owner handed everything back, with the same check as
     * after a lost connection: whatever the consumer has unacknowledged elsewhere comes back before anything new.
     */
    private boolean followLease(long now) {
        boolean mayDeliver = lease.mayDeliver(now);
        if (owning && (!mayDeliver || lease.generation() != ownedGeneration)) {
            owning = false;
            if (lease.state() == PartitionLease.State.RELEASING && lease.valid(now)) {
                handBackPartition();
            } else {
                dropPartition();
            }
            return false;
        }
        if (!owning && mayDeliver) {
            owning = true;
            dispatch.unreserve(window.close());
            // Back on the same claim after the lease had run out here (a late renewal): what this puller forgot
            // then is unacknowledged on the server, so it waits for it as after any take-over.
            boolean sameClaim = lease.generation() == ownedGeneration;
            ownedGeneration = lease.generation();
            inbox.renew();
            resyncPending = sameClaim || !lease.cleanHandOver();
            pullsResumeAt = now;
        }
        return owning;
    }

    /**
     * The partition goes to another member: nothing more is pulled or handed over, what is queued is taken back,
     * what is in a listener finishes, then everything held goes back to the server in stream order, and the lease
     * is released, so the next owner starts at once and gets each aggregate in order.
     */
    private void handBackPartition() {
        try {
            finishOpenPull();
            takeBackQueued();
            long deadline = System.nanoTime() + WORKERS_WAIT.toNanos();
            while (held.handedOver() > 0) {
                if (stop.isRaised()) {
                    // The activation stops: its hand-back (in order, then the release) covers this partition.
                    owning = true;
                    return;
                }
                long now = System.nanoTime();
                if (!lease.valid(now) || now - deadline > 0) {
                    dropPartition();
                    return;
                }
                keepAliveIfDue(now);
                stop.awaitFor(NO_ROOM_WAIT);
            }
            held.handBackInOrder();
            lease.handedBack();
            partition.onHandedBack().run();
            LOG.fine(() -> "Conduit: " + name() + " handed its partition back");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropPartition();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Conduit: " + name() + " could not hand its partition back; it expires instead", e);
            dropPartition();
        } finally {
            inbox.renew();
        }
    }

    /**
     * The lease ran out or went to another instance without a hand-over: stop at once, take back what is queued
     * and forget everything held (no keep-alive, no nak), so the server redelivers it to the next owner, which waits
     * for it before anything newer.
     */
    private void dropPartition() {
        dispatch.unreserve(window.close());
        takeBackQueued();
        held.revokeAll();
        inbox.renew();
        LOG.warning(() -> "Conduit: " + name() + " no longer holds its partition's lease; it stopped pulling and "
                + "left what it held to be redelivered to the next owner");
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
     * The next message on the subscription, or {@code null}. A failure that is not the end of the connection is
     * logged and waited out, so one bad moment never silently ends this topic's consumption; a closed connection
     * (jnats gave up reconnecting) ends it, with a message saying so.
     */
    private Message nextMessage() throws InterruptedException {
        try {
            return inbox.next(window.isOpen() ? OPEN_PULL_WAIT : NO_ROOM_WAIT);
        } catch (IllegalStateException e) {
            if (stop.isRaised()) {
                return null;
            }
            if (connection.getStatus() == Connection.Status.CLOSED) {
                throw new IllegalStateException("the NATS connection of " + name() + " is closed (reconnect attempts "
                        + "exhausted, see maxReconnects); this topic is no longer consumed until the MDB is "
                        + "redeployed", e);
            }
            LOG.log(Level.WARNING, "Conduit: " + name() + " could not read its subscription; starting over", e);
            startOverAfterReconnect();
            stop.awaitFor(ERROR_PAUSE);
            return null;
        }
    }

    /**
     * The connection was lost: whatever the server sent meanwhile is gone, and it redelivers those messages only
     * when their ack timers run out. A fresh inbox makes sure no pull from before the loss delivers later messages
     * to us first; what was still unread in the old one is left to expire too, so the server redelivers all of it in
     * the order it first sent it.
     */
    private void startOverAfterReconnect() {
        dispatch.unreserve(window.close());
        inbox.renew();
        resyncPending = true;
    }

    /**
     * After a reconnect: if the server has more messages of this group awaiting acknowledgement than this puller
     * holds, some were lost on the way. Pulling now would bring later messages first; so pulls wait until the lost ones'
     * ack timers ran out (at most ackWait), and the server sends those first, in their original order.
     */
    private void resync(long now) {
        try {
            long awaitingAck = management.getConsumerInfo(stream, durable).getNumAckPending();
            // Counted after the answer: nothing arrives meanwhile (no pull is open), so held only shrinks while the
            // request is on its way, as workers ack. Counting before let acks made during a slow request hide lost
            // deliveries (the server's count had already dropped by them), and newer messages overtook those.
            int heldBefore = held.size();
            resyncPending = false;
            if (awaitingAck > heldBefore) {
                pullsResumeAt = now + ackWait.toNanos() + REDELIVERY_GRACE.toNanos();
                LOG.info(() -> "Conduit: " + name() + ": " + (awaitingAck - heldBefore) + " deliveries of this group "
                        + "are unacknowledged elsewhere (a lost connection, or a server that stopped without handing "
                        + "them back); new messages wait up to ackWait=" + ackWait.toMillis() + " ms until the server "
                        + "redelivers them, so every aggregate stays in order");
            }
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            LOG.log(Level.FINE, "Conduit: " + name() + " could not read its consumer after a reconnect; retrying", e);
            stop.awaitFor(RESYNC_RETRY);
        }
    }

    private void pullIfRoom(long now) {
        if (connection.getStatus() != Connection.Status.CONNECTED || dispatch.available() < minimumPull) {
            return;
        }
        int reserved = dispatch.reserve(batchSize);
        if (reserved == 0) {
            return;
        }
        try {
            String reply = inbox.request(reserved, expires);
            window.open(reply, reserved, now + expires.toNanos() + OVERDUE_GRACE.toNanos());
        } catch (RuntimeException e) {
            dispatch.unreserve(reserved);
            LOG.log(Level.WARNING, "Conduit: " + name() + " could not ask NATS for messages; retrying", e);
            stop.awaitFor(ERROR_PAUSE);
        }
    }

    private void receive(Message message) throws InterruptedException {
        if (message.isStatusMessage()) {
            ended(message);
            return;
        }
        if (!message.isJetStream()) {
            return;
        }
        boolean reserved = window.arrived();
        NatsJetStreamMetaData meta = message.metaData();
        long now = System.nanoTime();
        HeldMessages.Held hold = held.hold(message, meta.streamSequence(), now);
        if (hold == null || (lease != null && !lease.mayDeliver(now))) {
            // A redelivered copy of a message we still hold (its ack timer ran out while we were paused): the held
            // copy is delivered and acknowledged, this one is not. Or the partition is no longer ours to deliver:
            // it stays held, and is handed back or forgotten with the rest.
            dispatch.unreserve(reserved ? 1 : 0);
            return;
        }
        InFlightEvent item = new NatsInFlight(NatsInFlight.toEvent(message, partition.topic(), partition.index()),
                hold);
        hold.handedOver(true);
        if (reserved) {
            dispatch.submitReserved(item);
        } else {
            handOverIntoFreshRoom(item);
        }
        reportBacklog(meta.pendingCount());
    }

    /** The server tells with every message how many more are pending for the consumer: the backlog, for free. */
    private void reportBacklog(long pending) {
        long now = System.nanoTime();
        if (pending == 0 || now - lastBacklogReport >= BACKLOG_INTERVAL.toNanos()) {
            lastBacklogReport = now;
            catchUp.backlog(name(), pending, dispatch.size());
        }
    }

    private void ended(Message status) {
        Status code = status.getStatus();
        if (code.isHeartbeat() || code.isFlowControl()) {
            return;
        }
        dispatch.unreserve(window.ended(status.getSubject()));
        if (code.getCode() == REQUEST_TIMEOUT) {
            // The pull waited its full time for more: nothing is pending for this consumer now.
            reportBacklog(0);
        } else {
            LOG.fine(() -> "Conduit: " + name() + ": pull ended with " + code.getMessageWithCode());
        }
    }

    /** A late message of a pull given up: wait for room (keeping held messages alive meanwhile). */
    private void handOverIntoFreshRoom(InFlightEvent item) throws InterruptedException {
        while (!dispatch.submit(item, HAND_OVER_WAIT)) {
            long now = System.nanoTime();
            keepAliveIfDue(now);
            if (stop.isRaised() || (lease != null && !lease.mayDeliver(now))) {
                item.abandoned();
                return;
            }
        }
    }

    private void keepAliveIfDue(long now) {
        if (now - lastSweep >= held.sweepInterval().toNanos()) {
            lastSweep = now;
            held.keepAlive(now);
            failIfDenied();
        }
    }

    /** A subscription or pull request the server refuses never yields a message: say so instead of waiting. */
    private void failIfDenied() {
        List<String> denied = NatsServerErrors.matching(connection, "Permissions Violation");
        if (!denied.isEmpty() && !stop.isRaised()) {
            context.fail("the NATS server does not let this user consume topic stream '" + stream + "' ("
                    + denied.get(denied.size() - 1) + "); grant it subscribe permission on _INBOX.> and publish "
                    + "permission on $JS.API.> (or the consumer's subjects)");
        }
    }

    /**
     * At stop (deactivation, failureStrategy=fail, a closed connection): everything this puller holds goes back to
     * the server in stream order, once nothing can be delivered any more. First the open pull is let finish (what it
     * still brings is held, not delivered), so no handed-back message is sent straight into it; then the delivery
     * workers end (bounded), what no worker took is abandoned, and all of it is nak'd by stream sequence.
     */
    private void handBackInOrder() {
        try {
            finishOpenPull();
            awaitWorkers();
            dispatch.abandonQueued();
            if (lease == null || (owning && lease.valid(System.nanoTime()))) {
                held.handBackInOrder();
                if (lease != null) {
                    lease.handedBack();
                    partition.onHandedBack().run();
                }
            } else {
                // Not ours any more: a nak now could bring an old message back behind the new owner's newer ones.
                held.revokeAll();
            }
            inbox.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The connection is gone: what was held is redelivered after ackWait, in stream order.
            LOG.log(Level.FINE, "Conduit: " + name() + " could not hand back what it held", e);
        } finally {
            dispatch.unreserve(window.close());
        }
    }

    /** Reads until the open pull ended (or is overdue) and nothing is left unread; arrivals are held only. */
    private void finishOpenPull() throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            dispatch.unreserve(window.expireIfOverdue(now));
            if (!window.isOpen() && inbox.unread() == 0) {
                return;
            }
            Message message = inbox.next(window.isOpen() ? OPEN_PULL_WAIT : NO_ROOM_WAIT);
            if (message == null) {
                continue;
            }
            if (message.isStatusMessage()) {
                ended(message);
            } else if (message.isJetStream()) {
                dispatch.unreserve(window.arrived() ? 1 : 0);
                held.hold(message, message.metaData().streamSequence(), now);
            }
        }
    }

    /** Waits (bounded) until no delivery worker can complete or abandon anything any more, keeping holds alive. */
    private void awaitWorkers() throws InterruptedException {
        long deadline = System.nanoTime() + WORKERS_WAIT.toNanos();
        while (!workersDone.await(held.sweepInterval().toMillis(), TimeUnit.MILLISECONDS)
                && System.nanoTime() - deadline < 0) {
            keepAliveIfDue(System.nanoTime());
        }
    }
}
