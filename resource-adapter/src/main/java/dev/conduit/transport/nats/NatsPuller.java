package dev.conduit.transport.nats;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
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
 *
 * <p>Its parts: {@link PullRequests} (the inbox, the open pull and its reserved room), {@link RedeliveryWait} (no
 * pulls while lost deliveries may still come back), {@link PartitionTurn} (the lease), {@link PullerUpkeep} (keep-alive
 * and refused permissions) and {@link PullerHandBack} (letting go at stop and on a lease change).
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
    private static final Duration HAND_OVER_WAIT = Duration.ofMillis(100);
    private static final int REQUEST_TIMEOUT = 408;
    private static final Duration RESYNC_RETRY = Duration.ofMillis(200);
    private static final Duration BACKLOG_INTERVAL = Duration.ofMillis(500);
    private static final Duration NOT_OWNED_WAIT = Duration.ofMillis(50);

    private final Connection connection;
    private final Duration ackWait;
    private final PullRequests pulls;
    private final RedeliveryWait redeliveries;
    private final RedeliveryOrder redeliveryOrder = new RedeliveryOrder();
    private final Dispatch dispatch;
    private final CatchUpTracker catchUp;
    private final HeldMessages held;
    private final Partition partition;
    private final PartitionTurn turn;
    private final PullerUpkeep upkeep;
    private final PullerHandBack handBack;
    private long lastBacklogReport;

    NatsPuller(String name, Connection connection, JetStreamManagement management, String stream, String durable,
               Duration ackWait, SourceContext context, Partition partition) {
        super(name, context.stop());
        this.partition = partition;
        this.turn = new PartitionTurn(partition);
        this.connection = connection;
        this.ackWait = ackWait;
        this.dispatch = context.dispatch();
        this.pulls = new PullRequests(new PullInbox(connection, stream, durable), dispatch,
                Math.max(1, context.fetchSizePerTopic() / partition.count()), context.pollTimeout());
        this.redeliveries = new RedeliveryWait(name, management, stream, durable, ackWait);
        this.catchUp = context.catchUp();
        this.held = new HeldMessages(ackWait);
        this.upkeep = new PullerUpkeep(connection, stream, held, context);
        this.handBack = new PullerHandBack(name, pulls, held, dispatch, turn, context.stop(), context.workersDone(),
                upkeep);
    }

    @Override
    protected void execute() {
        long reconnects = connection.getStatistics().getReconnects();
        pulls.open();
        try {
            while (!stop.isRaised()) {
                long now = System.nanoTime();
                upkeep.runIfDue(now);
                followLease(now);
                if (!turn.owning() || stop.isRaised()) {
                    stop.awaitFor(NOT_OWNED_WAIT);
                    continue;
                }
                if (connection.getStatistics().getReconnects() != reconnects) {
                    reconnects = connection.getStatistics().getReconnects();
                    startOverAfterReconnect();
                }
                if (redeliveries.checkPending() && connection.getStatus() == Connection.Status.CONNECTED) {
                    checkForLostDeliveries(now);
                }
                pulls.expireIfOverdue(now);
                // Out of room with redeliveries still missing: what came goes on, or nothing could move at all.
                if (redeliveryOrder.overdue(now)
                        || (redeliveryOrder.hasWaiting() && !pulls.isOpen() && !pulls.roomForAnother())) {
                    handOverRedeliveries();
                }
                if (!pulls.isOpen() && redeliveries.allowsPulls(now)) {
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
                pulls.release(redeliveryOrder.forget());
                handBack.atStop();
            } finally {
                partition.onEnded().run();
            }
        }
    }

    /**
     * Starts or ends this instance's turn on the partition as its lease says. A new turn starts on a fresh inbox,
     * and unless the last owner handed everything back, with the same check as after a lost connection: whatever the
     * consumer has unacknowledged elsewhere comes back before anything new.
     */
    private void followLease(long now) {
        PartitionTurn.Change change = turn.follow(now);
        if (change != PartitionTurn.Change.NONE) {
            pulls.release(redeliveryOrder.forget());
        }
        switch (change) {
            case STARTED -> {
                pulls.startOver();
                redeliveries.restart(now, turn.mayHaveLostDeliveries());
            }
            case HAND_BACK -> handBack.toNextOwner();
            case DROP -> handBack.drop();
            case NONE -> { }
        }
    }

    /**
     * The next message on the subscription, or {@code null}. A failure that is not the end of the connection is
     * logged and waited out, so one bad moment never silently ends this topic's consumption; a closed connection
     * (jnats gave up reconnecting) ends it, with a message saying so.
     */
    private Message nextMessage() throws InterruptedException {
        try {
            return pulls.next();
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
        pulls.release(redeliveryOrder.forget());
        pulls.startOver();
        redeliveries.checkBeforeNextPull();
    }

    /**
     * Whether deliveries were lost (see {@link RedeliveryWait}); if so, their redeliveries are collected and handed
     * over in stream order ({@link RedeliveryOrder}), for at most ackWait after pulls resume.
     */
    private void checkForLostDeliveries(long now) {
        int lost = redeliveries.check(now, held::size);
        if (lost < 0) {
            stop.awaitFor(RESYNC_RETRY);
        } else if (lost > 0) {
            redeliveryOrder.expect(lost, redeliveries.pullsResumeAt() + ackWait.toNanos());
        }
    }

    /** Hands the collected redeliveries over, in stream order. */
    private void handOverRedeliveries() throws InterruptedException {
        for (RedeliveryOrder.Waiting waiting : redeliveryOrder.inStreamOrder()) {
            waiting.item().hold().handedOver(true);
            handOver(waiting.item(), waiting.reserved());
        }
    }

    private void handOver(InFlightEvent item, boolean reserved) throws InterruptedException {
        if (reserved) {
            dispatch.submitReserved(item);
        } else {
            handOverIntoFreshRoom(item);
        }
    }

    private void pullIfRoom(long now) {
        if (connection.getStatus() != Connection.Status.CONNECTED) {
            return;
        }
        try {
            pulls.requestIfRoom(now);
        } catch (RuntimeException e) {
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
        boolean reserved = pulls.arrived();
        JetStreamReply reply = JetStreamReply.of(message.getReplyTo());
        long now = System.nanoTime();
        HeldMessages.Held hold = held.hold(message, reply.streamSequence(), now);
        if (hold == null || !turn.mayDeliver(now)) {
            // A redelivered copy of a message we still hold (its ack timer ran out while we were paused): the held
            // copy is delivered and acknowledged, this one is not. Or the partition is no longer ours to deliver:
            // it stays held, and is handed back or forgotten with the rest.
            pulls.notHandedOver(reserved);
            return;
        }
        NatsInFlight item = new NatsInFlight(NatsInFlight.toEvent(message, reply, partition.topic(),
                partition.index()), hold);
        if (redeliveryOrder.collecting()) {
            if (reply.delivered() > 1) {
                if (redeliveryOrder.add(item, reply.streamSequence(), reserved)) {
                    handOverRedeliveries();
                }
                return;
            }
            // A first delivery: the server sends queued redeliveries before anything new, so all of them came.
            handOverRedeliveries();
        }
        hold.handedOver(true);
        handOver(item, reserved);
        reportBacklog(reply.pending());
    }

    /** The server tells with every message how many more are pending for the consumer: the backlog, for free. */
    private void reportBacklog(long pending) {
        long now = System.nanoTime();
        if (pending == 0 || now - lastBacklogReport >= BACKLOG_INTERVAL.toNanos()) {
            lastBacklogReport = now;
            catchUp.backlog(name(), pending, dispatch.size());
        }
    }

    private void ended(Message status) throws InterruptedException {
        Status code = status.getStatus();
        if (code.isHeartbeat() || code.isFlowControl()) {
            return;
        }
        pulls.ended(status.getSubject());
        if (code.getCode() == REQUEST_TIMEOUT) {
            if (redeliveryOrder.hasWaiting()) {
                // The server had nothing more to send: whatever was lost and has come, goes on now.
                handOverRedeliveries();
            }
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
            upkeep.runIfDue(now);
            if (stop.isRaised() || !turn.mayDeliver(now)) {
                item.abandoned();
                return;
            }
        }
    }
}
