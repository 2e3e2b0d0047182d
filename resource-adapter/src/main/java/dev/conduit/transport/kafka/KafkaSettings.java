package dev.conduit.transport.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.conduit.config.CommonOptions;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.InboundOptions;
import dev.conduit.config.InvalidConfigurationException;
import dev.conduit.config.InvalidConfigurationException.Problem;
import dev.conduit.config.KeyValues;
import dev.conduit.config.Named;
import dev.conduit.config.OutboundOptions;

/** Turns validated adapter configuration into kafka-clients properties. */
public final class KafkaSettings {

    /** Settings whose value the adapter's guarantees depend on; a pass-through may not change them. */
    private static final Set<String> MANAGED_PRODUCER = Set.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
    private static final Set<String> MANAGED_CONSUMER = Set.of(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);

    private KafkaSettings() {
    }

    public static Properties producer(ConfigValues config) throws InvalidConfigurationException {
        KeyValues extra = config.get(KafkaOptions.KAFKA_PROPERTIES);
        checkPassThrough("connection factory", extra, ProducerConfig.configNames(), MANAGED_PRODUCER);
        KafkaSecurity.check("connection factory", config);
        int timeoutMs = config.get(OutboundOptions.PUBLISH_TIMEOUT_MS);
        Properties p = new Properties();
        KafkaOptions.Acks acks = config.get(KafkaOptions.ACKS);
        p.put(ProducerConfig.ACKS_CONFIG, acks.id());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString(acks == KafkaOptions.Acks.ALL));
        p.put(ProducerConfig.LINGER_MS_CONFIG, config.get(KafkaOptions.LINGER_MS));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, config.get(KafkaOptions.BATCH_SIZE));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, Named.idOf(config.get(KafkaOptions.COMPRESSION)));
        // The publisher checks payload size itself; leave room for headers and record overhead.
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.get(OutboundOptions.MAX_MESSAGE_BYTES) + 64 * 1024);
        // send() blocks for metadata or buffer space at most as long as a publish may wait for room.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        // An acknowledgement fails at publishTimeoutMs, as on NATS, not after kafka-clients' 2 minutes: a publish
        // to an unreachable cluster is reported when the application expects it (Kafka wants delivery.timeout.ms
        // >= linger.ms + request.timeout.ms).
        int lingerMs = config.get(KafkaOptions.LINGER_MS);
        int requestTimeoutMs = Math.max(1, Math.min(30_000, timeoutMs - lingerMs));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(timeoutMs, lingerMs + requestTimeoutMs));
        p.putAll(extra.values());
        KafkaSecurity.apply(config, p);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(CommonOptions.SERVERS));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.get(CommonOptions.CLIENT_ID));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    public static Properties consumer(ConfigValues config, String clientIdSuffix) throws InvalidConfigurationException {
        KeyValues extra = config.get(KafkaOptions.KAFKA_PROPERTIES);
        checkPassThrough("activation spec", extra, ConsumerConfig.configNames(), MANAGED_CONSUMER);
        KafkaSecurity.check("activation spec", config);
        Properties p = new Properties();
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, Named.idOf(config.get(InboundOptions.START_POSITION)));
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.get(InboundOptions.MAX_POLL_RECORDS));
        p.putAll(extra.values());
        if (!GroupProtocol.CONSUMER.name().equalsIgnoreCase(p.getProperty(ConsumerConfig.GROUP_PROTOCOL_CONFIG))) {
            // Cooperative rebalancing: a member joining or leaving moves only the partitions that change owner; the
            // others keep consuming (the poller revokes and commits per partition either way). The consumer group
            // protocol (KIP-848, group.protocol=consumer) is incremental by itself, assigns on the brokers and
            // refuses an assignor setting.
            p.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                    CooperativeStickyAssignor.class.getName());
        }
        KafkaSecurity.apply(config, p);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(CommonOptions.SERVERS));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.get(InboundOptions.GROUP_ID));
        String instance = config.get(KafkaOptions.GROUP_INSTANCE_ID);
        if (!instance.isBlank()) {
            p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instance);
        }
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.get(CommonOptions.CLIENT_ID) + "-" + clientIdSuffix);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /** A producer for dead letters: durable acks, no batching delay. */
    public static Properties deadLetterProducer(ConfigValues config, String clientIdSuffix)
            throws InvalidConfigurationException {
        KeyValues extra = config.get(KafkaOptions.KAFKA_PROPERTIES);
        Properties p = new Properties();
        // Only connection-level pass-through settings (security, SASL) apply to the dead-letter producer.
        extra.values().forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key) && !MANAGED_PRODUCER.contains(key)) {
                p.put(key, value);
            }
        });
        KafkaSecurity.apply(config, p);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(CommonOptions.SERVERS));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.get(CommonOptions.CLIENT_ID) + "-" + clientIdSuffix);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    private static void checkPassThrough(String subject, KeyValues extra, Set<String> known, Set<String> managed)
            throws InvalidConfigurationException {
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, String> entry : extra.values().entrySet()) {
            String key = entry.getKey();
            if (managed.contains(key)) {
                problems.add(new Problem(KafkaOptions.KAFKA_PROPERTIES.name(), "property '"
                        + KafkaOptions.KAFKA_PROPERTIES.name() + "' sets '" + key + "', which the adapter manages; "
                        + "use the adapter's own property instead"));
            } else if (!known.contains(key)) {
                problems.add(new Problem(KafkaOptions.KAFKA_PROPERTIES.name(), "property '"
                        + KafkaOptions.KAFKA_PROPERTIES.name() + "' sets unknown Kafka setting '" + key
                        + "'; see the kafka-clients documentation for valid names"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(subject, problems);
        }
    }
}
