package dev.conduit.api;

/**
 * Counters of the shared publisher behind a connection (one per factory configuration), since it was opened.
 *
 * @param published     messages the broker acknowledged
 * @param failed        messages the broker refused or did not acknowledge in time
 * @param rejected      publishes refused before sending (closed, invalid, too large, back-pressure timeout)
 * @param inFlight      publishes sent and not yet acknowledged
 * @param topicsCreated topics/streams this publisher created on first use
 */
public record PublisherMetrics(long published, long failed, long rejected, int inFlight, int topicsCreated) {
}
