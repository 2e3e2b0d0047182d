package dev.conduit.transport;

import java.util.List;

import jakarta.resource.ResourceException;

import dev.conduit.config.ConfigValues;
import dev.conduit.config.Direction;
import dev.conduit.config.InvalidConfigurationException;
import dev.conduit.config.Option;
import dev.conduit.inbound.EventSource;

/**
 * A broker technology behind the one API, as a plug-in: everything the adapter needs to know about a transport is
 * here, and nothing outside the transport's own package names it. Implementations are stateless; state that must
 * live as long as the adapter (the in-memory transport's topics) goes into the {@link AdapterScope}. Registered in
 * {@link Transports}.
 */
public interface Transport {

    /** The value of the {@code transport} property that selects this transport. */
    String id();

    /** One line for the generated configuration reference. */
    String description();

    /**
     * The options this transport reads beyond the core ones ({@code CommonOptions.CORE}, {@code InboundOptions.CORE},
     * {@code OutboundOptions.CORE}): shared ones such as {@code CommonOptions.BROKER} and its own. Setting any other
     * option on a connection factory or activation spec of this transport fails validation.
     */
    List<Option<?>> options();

    /** Checks that span several options, without connecting; runs at deployment. */
    default void validate(Direction direction, ConfigValues config) throws InvalidConfigurationException {
    }

    /**
     * Refuses a topic name this transport cannot publish to, with a message saying which rule it breaks. Runs on
     * every publish, after the null/blank check: keep it allocation-free.
     *
     * @throws dev.conduit.api.InvalidTopicException
     */
    void checkTopicName(String topic);

    /** The physical, thread-safe publishing client for one connection-factory configuration. */
    TransportPublisher publisher(ConfigValues config, AdapterScope scope);

    /** The inbound side of one activation: connects, prepares its topics and subscriptions, does not fetch yet. */
    EventSource inbound(ConfigValues config, AdapterScope scope) throws ResourceException;
}
