package dev.conduit.inbound;

/**
 * What an activation is doing, for health checks and operators.
 *
 * @param mode    CATCH_UP or NORMAL
 * @param backlog consumer lag plus buffered events at the last measurement, -1 before the first
 * @param failure   why the activation stopped consuming (failureStrategy=fail, refused login), {@code null} while
 *                  it is healthy
 * @param connected whether its source is connected to its brokers now
 * @param alive     every fetcher and delivery thread still runs, unless the activation was stopped or failed
 * @param notStarted of its {@code works} (fetchers and delivery workers), those the container has not started yet
 */
public record ActivationStatus(String description, String mode, long backlog, long consumed, long failedAttempts,
                               long deadLettered, long ignored, String failure, boolean connected,
                               boolean alive, int notStarted, int works) {

    /** Consuming: not stopped by a failure (connection trouble is {@link #connected()}'s). */
    public boolean healthy() {
        return failure == null;
    }
}
