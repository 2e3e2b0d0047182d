package dev.conduit.transport.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;

import jakarta.resource.ResourceException;

import dev.conduit.api.TopicOptions;
import dev.conduit.config.CommonOptions;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.InboundOptions;
import dev.conduit.config.InboundOptions.StartPosition;
import dev.conduit.inbound.AdapterWork;
import dev.conduit.inbound.DeadLetterSink;
import dev.conduit.inbound.EventSource;
import dev.conduit.inbound.SourceContext;
import dev.conduit.transport.TopicRegistry;
import dev.conduit.transport.nats.PartitionAssignment.PartitionId;

/**
 * The NATS side of an activation over one connection: per topic, a durable pull consumer named after the group and
 * one {@link NatsPuller}, which acknowledges what completed. A partitioned topic has one durable consumer per
 * partition ({@code <group>-p<k>}, filtered on the partition's subject) and one puller each, and the instances of the
 * group share the partitions through {@link PartitionOwnership}: so several servers consume one group at once, each
 * aggregate in order.
 */
final class NatsSource implements EventSource {

    /** One topic as this activation reads it. */
    private record TopicStream(String topic, String stream, int partitions) {
    }

    private final Connection connection;
    private final NatsDeadLetterSink deadLetters;
    private final List<TopicStream> topics;
    private final String durable;
    private final Duration ackWait;
    private final String servers;
    private final KeyValue owners;
    private final Duration lease;

    private NatsSource(Connection connection, NatsDeadLetterSink deadLetters, List<TopicStream> topics,
                       String durable, Duration ackWait, String servers, KeyValue owners, Duration lease) {
        this.connection = connection;
        this.deadLetters = deadLetters;
        this.topics = topics;
        this.durable = durable;
        this.ackWait = ackWait;
        this.servers = servers;
        this.owners = owners;
        this.lease = lease;
    }

    /** Connects, makes sure every topic's stream and the group's consumer on it exist. */
    static NatsSource open(ConfigValues config) throws IOException, ResourceException {
        String group = config.get(InboundOptions.GROUP_ID);
        Connection connection = NatsConnections.connect(config, config.get(CommonOptions.CLIENT_ID) + "-" + group);
        try {
            NatsStreams streams = new NatsStreams(connection.jetStreamManagement(),
                    new TopicRegistry(config.get(CommonOptions.TOPIC_CONFIG)),
                    config.get(CommonOptions.TOPIC_STRATEGY), Duration.ofSeconds(30));
            String durable = NatsStreams.streamName(group);
            Duration ackWait = Duration.ofMillis(config.get(NatsOptions.ACK_WAIT_MS));
            List<TopicStream> topics = new ArrayList<>();
            for (String topic : config.get(InboundOptions.TOPICS)) {
                String stream = streams.ensure(topic);
                int partitions = streams.partitions(topic);
                for (int p = 0; p < partitions; p++) {
                    boolean whole = partitions == 1;
                    connection.getStreamContext(stream).createOrUpdateConsumer(ConsumerConfiguration.builder()
                            .durable(whole ? durable : partitionConsumer(durable, p))
                            .filterSubject(whole ? topic : NatsPartitions.subject(topic, p))
                            .ackPolicy(AckPolicy.Explicit)
                            .ackWait(ackWait)
                            .maxAckPending(config.get(NatsOptions.MAX_ACK_PENDING))
                            .deliverPolicy(config.get(InboundOptions.START_POSITION) == StartPosition.LATEST
                                    ? DeliverPolicy.New : DeliverPolicy.All)
                            .build());
                }
                topics.add(new TopicStream(topic, stream, partitions));
            }
            Duration lease = Duration.ofMillis(config.get(NatsOptions.PARTITION_LEASE_MS));
            KeyValue owners = topics.stream().anyMatch(t -> t.partitions() > 1)
                    ? ownershipBucket(connection, durable, lease, streams.registry().options(topics.get(0).topic()))
                    : null;
            return new NatsSource(connection, new NatsDeadLetterSink(connection, streams,
                    config.get(InboundOptions.DEAD_LETTER_TOPIC)), topics, durable, ackWait,
                    config.get(CommonOptions.SERVERS), owners, lease);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            List<String> denied = NatsServerErrors.matching(connection, "Permissions Violation");
            closeQuietly(connection);
            throw new ResourceException("could not set up the NATS consumers of group '" + group + "': "
                    + e.getMessage() + (denied.isEmpty() ? "" : "; the server said: " + String.join("; ", denied)
                    + " (grant the user the JetStream API permissions it needs)"), e);
        }
    }

    static String partitionConsumer(String durable, int partition) {
        return durable + "-p" + partition;
    }

    /**
     * The group's ownership bucket ({@code conduit-owners-<group>}): file storage, one value per key, and a max age
     * of ten lease times (at least a minute), so the heartbeats of members that died do not pile up; live owners and
     * members rewrite their keys every quarter of a lease time.
     */
    private static KeyValue ownershipBucket(Connection connection, String durable, Duration lease,
                                            TopicOptions options) throws IOException, JetStreamApiException {
        String bucket = "conduit-owners-" + durable;
        Duration maxAge = lease.multipliedBy(10).compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1)
                : lease.multipliedBy(10);
        KeyValueManagement management = connection.keyValueManagement();
        try {
            management.getStatus(bucket);
        } catch (JetStreamApiException notFound) {
            management.create(KeyValueConfiguration.builder()
                    .name(bucket)
                    .description("Conduit: which instance of group '" + durable + "' owns which partition")
                    .maxHistoryPerKey(1)
                    .ttl(maxAge)
                    .storageType(options.persistent() ? StorageType.File : StorageType.Memory)
                    .replicas(Math.max(1, options.replicationFactor()))
                    .build());
        }
        return connection.keyValue(bucket);
    }

    @Override
    public DeadLetterSink deadLetters() {
        return deadLetters;
    }

    @Override
    public List<AdapterWork> fetchers(SourceContext context) {
        JetStreamManagement management;
        try {
            management = connection.jetStreamManagement();
        } catch (IOException e) {
            throw new IllegalStateException("no JetStream management on the NATS connection: " + e, e);
        }
        List<AdapterWork> fetchers = new ArrayList<>();
        Map<String, Integer> partitions = new LinkedHashMap<>();
        Map<PartitionId, PartitionLease> leases = new LinkedHashMap<>();
        for (TopicStream topic : topics) {
            if (topic.partitions() > 1) {
                partitions.put(topic.stream(), topic.partitions());
                for (int p = 0; p < topic.partitions(); p++) {
                    PartitionId id = new PartitionId(topic.stream(), p);
                    leases.put(id, new PartitionLease(id));
                }
            }
        }
        CountDownLatch partitionPullersDone = new CountDownLatch(leases.size());
        PartitionOwnership ownership = leases.isEmpty() ? null : new PartitionOwnership(
                context.name() + "-partitions", context.stop(), owners,
                PartitionOwnership.instanceId(connection.getOptions().getConnectionName()), lease,
                context.pollTimeout().plus(PullRequests.OVERDUE_GRACE), partitions, leases, partitionPullersDone);
        for (TopicStream topic : topics) {
            if (topic.partitions() == 1) {
                fetchers.add(new NatsPuller(context.name() + "-" + topic.stream() + "-puller", connection, management,
                        topic.stream(), durable, ackWait, context, NatsPuller.Partition.whole(topic.topic())));
                continue;
            }
            for (int p = 0; p < topic.partitions(); p++) {
                fetchers.add(new NatsPuller(context.name() + "-" + topic.stream() + "-p" + p + "-puller",
                        connection, management, topic.stream(), partitionConsumer(durable, p), ackWait, context,
                        new NatsPuller.Partition(topic.topic(), p, topic.partitions(),
                                leases.get(new PartitionId(topic.stream(), p)), ownership::wake,
                                partitionPullersDone::countDown)));
            }
        }
        if (ownership != null) {
            fetchers.add(ownership);
        }
        return fetchers;
    }

    @Override
    public boolean connected() {
        return connection.getStatus() == Connection.Status.CONNECTED;
    }

    @Override
    public String where() {
        return servers;
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
