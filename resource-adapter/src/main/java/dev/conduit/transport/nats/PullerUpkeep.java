package dev.conduit.transport.nats;

import java.util.List;

import io.nats.client.Connection;

import dev.conduit.inbound.SourceContext;

/**
 * What a puller does every sweep interval, whatever else it is doing (pulling, waiting for room, handing back):
 * keep the messages it holds alive on the server, and fail the activation if the server refused its subscription or
 * pull requests, which would otherwise just never yield a message. Owned by the puller thread.
 */
final class PullerUpkeep {

    private final Connection connection;
    private final String stream;
    private final HeldMessages held;
    private final SourceContext context;
    private long lastSweep = System.nanoTime();

    PullerUpkeep(Connection connection, String stream, HeldMessages held, SourceContext context) {
        this.connection = connection;
        this.stream = stream;
        this.held = held;
        this.context = context;
    }

    void runIfDue(long now) {
        if (now - lastSweep >= held.sweepInterval().toNanos()) {
            lastSweep = now;
            held.keepAlive(now);
            failIfDenied();
        }
    }

    private void failIfDenied() {
        List<String> denied = NatsServerErrors.matching(connection, "Permissions Violation");
        if (!denied.isEmpty() && !context.stop().isRaised()) {
            context.fail("the NATS server does not let this user consume topic stream '" + stream + "' ("
                    + denied.get(denied.size() - 1) + "); grant it subscribe permission on _INBOX.> and publish "
                    + "permission on $JS.API.> (or the consumer's subjects)");
        }
    }
}
