package dev.conduit.transport.memory;

import java.util.List;

import jakarta.resource.ResourceException;

import dev.conduit.api.InvalidTopicException;
import dev.conduit.config.CommonOptions;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.Option;
import dev.conduit.inbound.EventSource;
import dev.conduit.transport.AdapterScope;
import dev.conduit.transport.Transport;
import dev.conduit.transport.TransportPublisher;

/**
 * Bounded in-JVM topics that live as long as the resource adapter: publish and consume through the same API and
 * MDBs, with the same ordering, retries, failure strategies and dead letters, and no broker. Made for testing
 * applications; nothing survives an undeploy.
 */
public final class MemoryTransport implements Transport {

    private static final int MAX_NAME_LENGTH = 255;

    @Override
    public String id() {
        return "memory";
    }

    @Override
    public String description() {
        return "In-memory topics inside the adapter (bounded, not persistent): for testing applications without a "
                + "broker";
    }

    /** Only the per-topic bound (topicConfig maxMessages); there is no server to name. */
    @Override
    public List<Option<?>> options() {
        return List.of(CommonOptions.TOPIC_CONFIG);
    }

    @Override
    public void checkTopicName(String topic) {
        if (topic.length() > MAX_NAME_LENGTH) {
            throw new InvalidTopicException("in-memory topic names are at most " + MAX_NAME_LENGTH
                    + " characters; this one has " + topic.length());
        }
    }

    @Override
    public TransportPublisher publisher(ConfigValues config, AdapterScope scope) {
        return new MemoryPublisher(broker(scope), config.get(CommonOptions.TOPIC_CONFIG));
    }

    @Override
    public EventSource inbound(ConfigValues config, AdapterScope scope) throws ResourceException {
        return MemorySource.open(broker(scope), config);
    }

    private static MemoryBroker broker(AdapterScope scope) {
        return scope.shared(MemoryBroker.class, MemoryBroker::new);
    }
}
