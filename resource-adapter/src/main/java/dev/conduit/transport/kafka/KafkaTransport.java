package dev.conduit.transport.kafka;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.common.KafkaException;

import dev.conduit.api.EventStreamException;
import dev.conduit.config.CommonOptions;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.Direction;
import dev.conduit.config.InboundOptions;
import dev.conduit.config.InvalidConfigurationException;
import dev.conduit.config.Option;
import dev.conduit.config.OutboundOptions;
import dev.conduit.inbound.EventSource;
import dev.conduit.transport.AdapterScope;
import dev.conduit.transport.TopicRegistry;
import dev.conduit.transport.Transport;
import dev.conduit.transport.TransportPublisher;

/** Apache Kafka through kafka-clients: one producer per connection-factory configuration, one consumer per MDB. */
public final class KafkaTransport implements Transport {

    @Override
    public String id() {
        return "kafka";
    }

    @Override
    public String description() {
        return "Apache Kafka (kafka-clients): partitions, consumer groups, committed offsets";
    }

    @Override
    public List<Option<?>> options() {
        return KafkaOptions.ALL;
    }

    @Override
    public void validate(Direction direction, ConfigValues config) throws InvalidConfigurationException {
        if (direction == Direction.INBOUND) {
            KafkaSettings.consumer(config, "validation");
        } else {
            KafkaSettings.producer(config);
        }
    }

    @Override
    public void checkTopicName(String topic) {
        KafkaTopicNames.check(topic);
    }

    @Override
    public TransportPublisher publisher(ConfigValues config, AdapterScope scope) {
        try {
            return new KafkaTransportPublisher(KafkaSettings.producer(config),
                    new TopicRegistry(config.get(CommonOptions.TOPIC_CONFIG)),
                    config.get(CommonOptions.TOPIC_STRATEGY),
                    Duration.ofMillis(config.get(OutboundOptions.PUBLISH_TIMEOUT_MS)), KafkaFailures.who(config));
        } catch (InvalidConfigurationException e) {
            throw new IllegalStateException("validated at deployment: " + e.getMessage(), e);
        } catch (KafkaException e) {
            // e.g. a trust store that exists but cannot be opened with its password
            throw new EventStreamException("could not create the Kafka producer: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"), e);
        }
    }

    @Override
    public EventSource inbound(ConfigValues config, AdapterScope scope) throws InvalidConfigurationException {
        String group = config.get(InboundOptions.GROUP_ID);
        return new KafkaSource(KafkaSettings.consumer(config, group), new KafkaDeadLetterSink(
                KafkaSettings.deadLetterProducer(config, group + "-dlt"), config.get(InboundOptions.DEAD_LETTER_TOPIC)),
                config.get(CommonOptions.SERVERS));
    }
}
