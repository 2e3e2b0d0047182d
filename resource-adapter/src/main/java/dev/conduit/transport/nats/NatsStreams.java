package dev.conduit.transport.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Logger;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;

import dev.conduit.api.EventStreamException;
import dev.conduit.api.TopicOptions;
import dev.conduit.config.TopicStrategy;
import dev.conduit.transport.TopicProvisioner;
import dev.conduit.transport.TopicRegistry;

/**
 * Topic -> stream mapping and stream provisioning. A topic is a NATS subject; its stream is named after it
 * ({@link #streamName}) and captures exactly that subject, or with {@code partitions=n} (n > 1) exactly its n
 * partition subjects ({@link NatsPartitions}); stored as its {@link TopicOptions} say: file or memory, replicas, max
 * age, max bytes, max messages. The partitions of an existing stream are read from its subjects, never from the
 * configuration: the stream is what publishers and consumers agree on.
 */
public final class NatsStreams extends TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(NatsStreams.class.getName());

    /** JetStream's "stream not found" API error code. */
    private static final int STREAM_NOT_FOUND = 10059;

    private final JetStreamManagement management;
    private final ConcurrentMap<String, Integer> partitions = new ConcurrentHashMap<>();

    public NatsStreams(JetStreamManagement management, TopicRegistry registry, TopicStrategy strategy,
                       Duration timeout) {
        super(registry, strategy, timeout);
        this.management = management;
    }

    /** Stream names may not contain '.', '*', '>' or white space: every such character becomes '_'. */
    public static String streamName(String topic) {
        StringBuilder name = new StringBuilder(topic.length());
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-';
            name.append(keep ? c : '_');
        }
        return name.toString();
    }

    @Override
    protected String nameOf(String topic) {
        return streamName(topic);
    }

    /**
     * The partitions of a topic {@link #ensure}d before: as its stream has them, or (topicStrategy=skip) as
     * configured. One map read.
     */
    int partitions(String topic) {
        Integer known = partitions.get(topic);
        return known != null ? known : Math.max(1, registry().options(topic).partitions());
    }

    /** The subject to publish an event of {@code aggregateId} to (the topic itself when it is not partitioned). */
    String subject(String topic, String aggregateId) {
        int count = partitions(topic);
        return count <= 1 ? topic : NatsPartitions.subject(topic, NatsPartitions.partitionOf(aggregateId, count));
    }

    @Override
    protected String provision(String topic, TopicOptions options, TopicStrategy strategy)
            throws IOException, JetStreamApiException {
        String name = streamName(topic);
        StreamInfo existing = lookup(name);
        StreamConfiguration wanted = configuration(name, topic, options);
        if (existing == null) {
            if (strategy == TopicStrategy.VALIDATE) {
                throw new EventStreamException("NATS stream '" + name + "' for topic '" + topic + "' does not exist "
                        + "and topicStrategy=validate; create it or use topicStrategy=create");
            }
            management.addStream(wanted);
            created();
            partitions.put(topic, Math.max(1, options.partitions()));
            return name;
        }
        StreamConfiguration current = existing.getConfiguration();
        int actual;
        try {
            actual = NatsPartitions.countIn(topic, current.getSubjects());
        } catch (IllegalArgumentException e) {
            throw new EventStreamException("NATS stream '" + name + "' exists but " + e.getMessage()
                    + "; rename the topic or add the subject to that stream");
        }
        int configured = Math.max(1, options.partitions());
        if (configured != actual && options.partitions() != 0) {
            // Re-partitioning a stream in use would send an aggregate's next events to another partition, ahead
            // of its earlier ones: the stream keeps the partitions it has.
            LOG.warning(() -> "Conduit: NATS stream '" + name + "' has " + actual + " partition(s) for topic '"
                    + topic + "', the configuration says partitions=" + configured + "; the stream's " + actual
                    + " are used (create a new topic to change them)");
        }
        partitions.put(topic, actual);
        wanted = configuration(name, topic, options.toBuilder().partitions(actual).build());
        if (current.getStorageType() != wanted.getStorageType() && strategy != TopicStrategy.CREATE) {
            throw new EventStreamException("NATS stream '" + name + "' uses " + current.getStorageType()
                    + " storage but topic '" + topic + "' is configured as persistent=" + options.persistent()
                    + "; JetStream cannot change the storage of a stream: delete it or change the configuration");
        }
        if (strategy == TopicStrategy.CREATE_OR_UPDATE) {
            management.updateStream(wanted);
        }
        return name;
    }

    private static StreamConfiguration configuration(String name, String topic, TopicOptions options) {
        return StreamConfiguration.builder()
                .name(name)
                .subjects(NatsPartitions.subjects(topic, options.partitions()))
                .storageType(options.persistent() ? StorageType.File : StorageType.Memory)
                .replicas(Math.max(1, options.replicationFactor()))
                .maxAge(options.retention())
                .maxBytes(options.maxBytes())
                .maxMessages(options.maxMessages())
                .build();
    }

    private StreamInfo lookup(String name) throws IOException, JetStreamApiException {
        try {
            return management.getStreamInfo(name);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }
}
