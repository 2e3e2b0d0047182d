package dev.conduit.transport.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;

import jakarta.resource.ResourceException;

import dev.conduit.config.CommonOptions;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.InboundOptions;
import dev.conduit.config.InboundOptions.StartPosition;
import dev.conduit.inbound.AdapterWork;
import dev.conduit.inbound.DeadLetterSink;
import dev.conduit.inbound.EventSource;
import dev.conduit.inbound.SourceContext;
import dev.conduit.transport.TopicRegistry;

/**
 * The NATS side of an activation over one connection: per topic, a durable pull consumer named after the group (so
 * several servers share the work) and one {@link NatsPuller}, which acknowledges what completed.
 */
final class NatsSource implements EventSource {

    private final Connection connection;
    private final NatsDeadLetterSink deadLetters;
    private final Map<String, String> streamByTopic;
    private final String durable;
    private final Duration ackWait;
    private final String servers;

    private NatsSource(Connection connection, NatsDeadLetterSink deadLetters, Map<String, String> streamByTopic,
                       String durable, Duration ackWait, String servers) {
        this.connection = connection;
        this.deadLetters = deadLetters;
        this.streamByTopic = streamByTopic;
        this.durable = durable;
        this.ackWait = ackWait;
        this.servers = servers;
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
            Map<String, String> streamByTopic = new LinkedHashMap<>();
            for (String topic : config.get(InboundOptions.TOPICS)) {
                String stream = streams.ensure(topic);
                connection.getStreamContext(stream).createOrUpdateConsumer(ConsumerConfiguration.builder()
                        .durable(durable)
                        .filterSubject(topic)
                        .ackPolicy(AckPolicy.Explicit)
                        .ackWait(ackWait)
                        .maxAckPending(config.get(NatsOptions.MAX_ACK_PENDING))
                        .deliverPolicy(config.get(InboundOptions.START_POSITION) == StartPosition.LATEST
                                ? DeliverPolicy.New : DeliverPolicy.All)
                        .build());
                streamByTopic.put(topic, stream);
            }
            return new NatsSource(connection, new NatsDeadLetterSink(connection, streams,
                    config.get(InboundOptions.DEAD_LETTER_TOPIC)), streamByTopic, durable, ackWait,
                    config.get(CommonOptions.SERVERS));
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            List<String> denied = NatsServerErrors.matching(connection, "Permissions Violation");
            closeQuietly(connection);
            throw new ResourceException("could not set up the NATS consumers of group '" + group + "': "
                    + e.getMessage() + (denied.isEmpty() ? "" : "; the server said: " + String.join("; ", denied)
                    + " (grant the user the JetStream API permissions it needs)"), e);
        }
    }

    @Override
    public DeadLetterSink deadLetters() {
        return deadLetters;
    }

    @Override
    public List<AdapterWork> fetchers(SourceContext context) {
        List<AdapterWork> pullers = new ArrayList<>();
        for (String stream : streamByTopic.values()) {
            try {
                pullers.add(new NatsPuller(context.name() + "-" + stream + "-puller", connection,
                        connection.jetStreamManagement(), stream, durable, ackWait, context));
            } catch (IOException e) {
                throw new IllegalStateException("no JetStream management on the NATS connection: " + e, e);
            }
        }
        return pullers;
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
