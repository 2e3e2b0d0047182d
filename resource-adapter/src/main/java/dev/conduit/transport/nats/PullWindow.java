package dev.conduit.transport.nats;

/**
 * The one pull request a topic's puller has open, and the dispatch room reserved for it. A pull asks the server for
 * no more messages than were reserved, so each message it brings is handed over without waiting. It ends when its
 * last message arrived, when the server ends it with a status (timeout, conflict), or when it is overdue (the
 * server restarted, or got the request too late to answer in time); then its unfilled reservation is given back.
 * A message that arrives for no open pull (a late answer to an overdue one) has no reservation and is handed over
 * into fresh room: nothing the server sent is ever dropped.
 *
 * <p>Owned by the puller thread; not thread-safe.
 */
final class PullWindow {

    private String subject;
    private int outstanding;
    private long deadlineNanos;

    boolean isOpen() {
        return subject != null;
    }

    void open(String replySubject, int reserved, long deadline) {
        if (isOpen()) {
            throw new IllegalStateException("a pull is already open: " + subject);
        }
        this.subject = replySubject;
        this.outstanding = reserved;
        this.deadlineNanos = deadline;
    }

    /**
     * A message arrived.
     *
     * @return {@code true} if it fills the open pull (its room is reserved), {@code false} if it needs fresh room
     */
    boolean arrived() {
        if (outstanding == 0) {
            return false;
        }
        if (--outstanding == 0) {
            subject = null;
        }
        return true;
    }

    /**
     * The server ended the pull with reply subject {@code replySubject}; a status for a pull already given up is
     * ignored.
     *
     * @return reserved room to give back
     */
    int ended(String replySubject) {
        return replySubject.equals(subject) ? close() : 0;
    }

    /** Whether a pull is open and past its deadline at {@code now}: then it is given up ({@link #close}). */
    boolean isOverdue(long now) {
        return isOpen() && now - deadlineNanos > 0;
    }

    /** Gives up the open pull (stop, reconnect); @return reserved room to give back. */
    int close() {
        int unfilled = outstanding;
        subject = null;
        outstanding = 0;
        return unfilled;
    }
}
