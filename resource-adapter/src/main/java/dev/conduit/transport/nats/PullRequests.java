package dev.conduit.transport.nats;

import java.time.Duration;

import io.nats.client.Message;

import dev.conduit.inbound.Dispatch;

/**
 * A puller's pull requests: its inbox, the one request open on it ({@link PullWindow}) and the room reserved for
 * that request in the activation's {@link Dispatch}. A request asks for no more than the room it reserved first, so
 * each message it brings is handed over without waiting; every way a request ends gives its unfilled room back.
 * Owned by the puller thread; not thread-safe.
 */
final class PullRequests {

    /** How long past its expiry a pull may stay unanswered before it is given up (the server paused or restarted). */
    static final Duration OVERDUE_GRACE = Duration.ofSeconds(1);
    private static final Duration OPEN_PULL_WAIT = Duration.ofMillis(100);
    private static final Duration IDLE_WAIT = Duration.ofMillis(5);

    private final PullInbox inbox;
    private final PullWindow window = new PullWindow();
    private final Dispatch dispatch;
    private final int batchSize;
    private final int minimumPull;
    private final Duration expires;

    PullRequests(PullInbox inbox, Dispatch dispatch, int batchSize, Duration expires) {
        this.inbox = inbox;
        this.dispatch = dispatch;
        this.batchSize = batchSize;
        // Small pulls cost a round trip each; wait until a quarter of a batch fits.
        this.minimumPull = Math.max(1, batchSize / 4);
        this.expires = expires;
    }

    void open() {
        inbox.open();
    }

    boolean isOpen() {
        return window.isOpen();
    }

    /**
     * Asks the server for as many messages as there is room for, once at least a quarter of a batch fits.
     *
     * @throws RuntimeException if the request could not be sent (its room is given back)
     */
    void requestIfRoom(long now) {
        if (!roomForAnother()) {
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
            throw e;
        }
    }

    /** Whether there is room enough for another pull request. */
    boolean roomForAnother() {
        return dispatch.available() >= minimumPull;
    }

    /** Room reserved for messages that were not handed over after all goes back. */
    void release(int reserved) {
        dispatch.unreserve(reserved);
    }

    /** The next message that arrived, waiting a little longer while a request is open; {@code null} if none did. */
    Message next() throws InterruptedException {
        return inbox.next(window.isOpen() ? OPEN_PULL_WAIT : IDLE_WAIT);
    }

    /** Messages that arrived and were not read yet. */
    long unread() {
        return inbox.unread();
    }

    /**
     * A message arrived.
     *
     * @return {@code true} if room was reserved for it, {@code false} if it answers a request given up earlier and
     *         needs fresh room
     */
    boolean arrived() {
        return window.arrived();
    }

    /** An arrived message is not handed over after all: the room reserved for it goes back. */
    void notHandedOver(boolean reserved) {
        dispatch.unreserve(reserved ? 1 : 0);
    }

    /** The server ended the request with reply subject {@code replySubject} (a status such as a timeout). */
    void ended(String replySubject) {
        dispatch.unreserve(window.ended(replySubject));
    }

    /** @return {@code true} if the open request was overdue and is given up */
    boolean expireIfOverdue(long now) {
        if (!window.isOverdue(now)) {
            return false;
        }
        giveUp();
        return true;
    }

    /** Gives up the open request and its room; whatever it still brings arrives unreserved. */
    void giveUp() {
        dispatch.unreserve(window.close());
    }

    /**
     * Gives up the open request and leaves the inbox for a fresh one, so that nothing sent to the old one (a pull
     * from before a lost connection or from another turn on a partition) is read any more.
     */
    void startOver() {
        giveUp();
        inbox.renew();
    }

    void close() {
        giveUp();
        inbox.close();
    }
}
