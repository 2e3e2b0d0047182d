package dev.conduit.inbound;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import dev.conduit.api.BatchEventListener;
import dev.conduit.api.EventListener;

/**
 * Creates the message endpoint a consumer thread delivers to. Called on the consumer's own Work thread because
 * the container may block {@code createEndpoint} until the MDB's deployment has finished.
 */
public final class EndpointSource {

    private static final Logger LOG = Logger.getLogger(EndpointSource.class.getName());
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    private final MessageEndpointFactory factory;

    public EndpointSource(MessageEndpointFactory factory) {
        this.factory = factory;
    }

    /** Returns an endpoint, or {@code null} when the activation stopped before one became available. */
    public MessageEndpoint create(StopSignal stop) {
        while (!stop.isRaised()) {
            try {
                MessageEndpoint endpoint = factory.createEndpoint(null);
                if (!(endpoint instanceof EventListener) && !(endpoint instanceof BatchEventListener)) {
                    endpoint.release();
                    throw new IllegalStateException("message endpoint " + factory.getEndpointClass()
                            + " implements neither " + EventListener.class.getName() + " nor "
                            + BatchEventListener.class.getName());
                }
                return endpoint;
            } catch (UnavailableException e) {
                LOG.log(Level.FINE, "Conduit: endpoint not available yet, retrying", e);
                stop.awaitFor(RETRY_PAUSE);
            }
        }
        return null;
    }
}
