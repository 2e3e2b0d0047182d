package dev.conduit.transport.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import dev.conduit.api.EventStreamException;
import dev.conduit.api.TopicOptions;
import dev.conduit.config.TopicStrategy;
import dev.conduit.transport.TopicProvisioner;
import dev.conduit.transport.TopicRegistry;

/**
 * Kafka topic provisioning through one Admin client, created on the first provisioning (an application that
 * skips provisioning never opens one) and closed with the publisher.
 */
final class KafkaTopics extends TopicProvisioner {

    private final Properties adminProperties;
    private Admin admin;
    private boolean closed;

    private static final long LEADER_RETRY_MILLIS = 50;

    private final String who;

    KafkaTopics(Properties clientProperties, TopicRegistry registry, TopicStrategy strategy, Duration timeout,
                String who) {
        super(registry, strategy, timeout);
        this.who = who;
        this.adminProperties = new Properties();
        clientProperties.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key.toString())) {
                adminProperties.put(key, value);
            }
        });
        adminProperties.put(AdminClientConfig.CLIENT_ID_CONFIG, clientProperties.get("client.id") + "-admin");
        adminProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        adminProperties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
    }

    /** Whether a broker answers a cluster description within {@code timeout} (for health checks). */
    boolean reachable(Duration timeout) {
        try {
            return !admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).nodes()
                    .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    protected String nameOf(String topic) {
        return topic;
    }

    @Override
    protected String provision(String topic, TopicOptions options, TopicStrategy strategy) throws Exception {
        try {
            return provisionWith(admin(), topic, options, strategy);
        } catch (Exception e) {
            RuntimeException security = KafkaFailures.security(e);
            if (security == null) {
                throw e;
            }
            throw new EventStreamException("could not prepare topic '" + topic + "' (topicStrategy=" + strategy.id()
                    + "): " + KafkaFailures.explain(security, who), e);
        }
    }

    private String provisionWith(Admin client, String topic, TopicOptions options, TopicStrategy strategy)
            throws Exception {
        TopicDescription description = describe(client, topic);
        if (description == null) {
            if (strategy == TopicStrategy.VALIDATE) {
                throw new EventStreamException("Kafka topic '" + topic + "' does not exist and topicStrategy=validate;"
                        + " create it or use topicStrategy=create");
            }
            NewTopic newTopic = new NewTopic(topic,
                    options.partitions() > 0 ? Optional.of(options.partitions()) : Optional.empty(),
                    options.replicationFactor() > 0 ? Optional.of((short) options.replicationFactor())
                            : Optional.empty()).configs(configs(options));
            try {
                get(client.createTopics(List.of(newTopic)).all());
                created();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                // Created meanwhile by someone else (another server, broker auto-creation): it exists.
            }
            awaitLeaders(client, topic);
            return topic;
        }
        int partitions = description.partitions().size();
        if (strategy == TopicStrategy.VALIDATE && options.partitions() > 0 && partitions != options.partitions()) {
            throw new EventStreamException("Kafka topic '" + topic + "' has " + partitions + " partitions, "
                    + "configured " + options.partitions() + " (topicStrategy=validate)");
        }
        if (strategy == TopicStrategy.CREATE_OR_UPDATE) {
            update(client, topic, options, partitions);
        }
        return topic;
    }

    private void update(Admin client, String topic, TopicOptions options, int partitions) throws Exception {
        List<AlterConfigOp> ops = new ArrayList<>();
        configs(options).forEach((name, value) -> ops.add(new AlterConfigOp(new ConfigEntry(name, value),
                AlterConfigOp.OpType.SET)));
        if (!ops.isEmpty()) {
            get(client.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), ops))
                    .all());
        }
        if (options.partitions() > partitions) {
            get(client.createPartitions(Map.of(topic, NewPartitions.increaseTo(options.partitions()))).all());
        } else if (options.partitions() > 0 && options.partitions() < partitions) {
            throw new EventStreamException("Kafka topic '" + topic + "' has " + partitions + " partitions; it cannot "
                    + "shrink to the configured " + options.partitions());
        }
    }

    /**
     * Returns once every partition's leader serves reads. The controller acknowledges a creation before the
     * leaders have loaded the partitions; an idempotent producer that writes in that window can have its first
     * batch refused (NOT_LEADER) while later batches are taken, and then never get the first one accepted
     * (OUT_OF_ORDER_SEQUENCE). Listing offsets is answered by the partition leader itself, so it is a real
     * readiness check; the Admin client retries it until the leaders answer.
     */
    /**
     * A new topic is usable once every partition has a leader that answers. Right after creation the brokers may
     * not know it yet (metadata still propagating, a busy or just-unfrozen broker): those answers are retried until
     * the provisioning timeout.
     */
    private void awaitLeaders(Admin client, String topic) throws Exception {
        long deadline = System.nanoTime() + timeout().toNanos();
        while (true) {
            try {
                TopicDescription description = get(client.describeTopics(List.of(topic)).allTopicNames()).get(topic);
                Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                        new HashMap<>();
                description.partitions().forEach(partition -> latest.put(
                        new org.apache.kafka.common.TopicPartition(topic, partition.partition()),
                        org.apache.kafka.clients.admin.OffsetSpec.latest()));
                get(client.listOffsets(latest).all());
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(LEADER_RETRY_MILLIS);
            }
        }
    }

    private static Map<String, String> configs(TopicOptions options) {
        Map<String, String> configs = new HashMap<>();
        if (!options.retention().isZero()) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(options.retention().toMillis()));
        }
        if (options.maxBytes() > 0) {
            configs.put(TopicConfig.RETENTION_BYTES_CONFIG, Long.toString(options.maxBytes()));
        }
        if (!options.compression().isEmpty()) {
            configs.put(TopicConfig.COMPRESSION_TYPE_CONFIG, options.compression());
        }
        return configs;
    }

    private TopicDescription describe(Admin client, String topic) throws Exception {
        try {
            return get(client.describeTopics(List.of(topic)).allTopicNames()).get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw e;
        }
    }

    private <T> T get(org.apache.kafka.common.KafkaFuture<T> future) throws Exception {
        return future.get(timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("publisher closed");
        }
        if (admin == null) {
            admin = AdapterClassLoader.create(() -> Admin.create(adminProperties));
        }
        return admin;
    }

    synchronized void close(Duration timeout) {
        closed = true;
        if (admin != null) {
            admin.close(timeout);
            admin = null;
        }
    }
}
