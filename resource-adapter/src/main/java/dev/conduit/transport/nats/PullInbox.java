package dev.conduit.transport.nats;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.PullRequestOptions;
import io.nats.client.Subscription;

/**
 * A puller's own inbox: the one subscription that receives the answers to its pull requests (each request replies
 * to a subject of its own under the inbox), replaced by a fresh one after a lost connection so that no pull from
 * before the loss can deliver to it. Owned by the puller thread.
 */
final class PullInbox {

    private static final Logger LOG = Logger.getLogger(PullInbox.class.getName());

    private final Connection connection;
    private final String pullSubject;
    private String inbox;
    private Subscription subscription;
    private long pulls;

    PullInbox(Connection connection, String stream, String durable) {
        this.connection = connection;
        this.pullSubject = "$JS.API.CONSUMER.MSG.NEXT." + stream + "." + durable;
    }

    void open() {
        inbox = connection.createInbox();
        subscription = connection.subscribe(inbox + ".*");
    }

    /** Leaves the current inbox (nothing sent to it is read any more) and opens a fresh one. */
    void renew() {
        try {
            subscription.unsubscribe();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Conduit: could not unsubscribe the old inbox " + inbox, e);
        }
        open();
    }

    /** Asks the server for up to {@code batch} messages within {@code expires}; returns the pull's reply subject. */
    String request(int batch, Duration expires) {
        String reply = inbox + "." + (++pulls);
        connection.publish(pullSubject, reply, PullRequestOptions.builder(batch).expiresIn(expires).build().serialize());
        return reply;
    }

    /** The next message that arrived, waiting up to {@code wait}; {@code null} if none did. */
    Message next(Duration wait) throws InterruptedException {
        return subscription.nextMessage(wait);
    }

    /** Messages that arrived and were not read yet. */
    long unread() {
        return subscription.getPendingMessageCount();
    }

    void close() {
        subscription.unsubscribe();
    }
}
