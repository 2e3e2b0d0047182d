package dev.conduit.transport.nats;

import java.io.IOException;
import java.util.List;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.CommException;

import dev.conduit.api.EventStreamException;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.Direction;
import dev.conduit.config.InvalidConfigurationException;
import dev.conduit.config.Option;
import dev.conduit.inbound.EventSource;
import dev.conduit.transport.AdapterScope;
import dev.conduit.transport.Transport;
import dev.conduit.transport.TransportPublisher;

/** NATS JetStream through jnats: streams per topic, durable pull consumers per group, explicit acks. */
public final class NatsTransport implements Transport {

    @Override
    public String id() {
        return "nats";
    }

    @Override
    public String description() {
        return "NATS JetStream (jnats): a stream per topic, a durable pull consumer per group and topic";
    }

    @Override
    public List<Option<?>> options() {
        return NatsOptions.ALL;
    }

    @Override
    public void validate(Direction direction, ConfigValues config) throws InvalidConfigurationException {
        NatsSettings.validate(direction.subject(), config);
        if (direction == Direction.INBOUND) {
            NatsSettings.validateLease(direction.subject(), config);
        }
    }

    @Override
    public void checkTopicName(String topic) {
        NatsSubjects.check(topic);
    }

    @Override
    public TransportPublisher publisher(ConfigValues config, AdapterScope scope) {
        try {
            return new NatsTransportPublisher(config);
        } catch (IOException e) {
            throw new EventStreamException(e.getMessage(), e);
        }
    }

    @Override
    public EventSource inbound(ConfigValues config, AdapterScope scope) throws ResourceException {
        try {
            return NatsSource.open(config);
        } catch (IOException e) {
            throw new CommException(e.getMessage(), e);
        }
    }
}
