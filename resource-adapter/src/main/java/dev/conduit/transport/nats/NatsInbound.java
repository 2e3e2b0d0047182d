package dev.conduit.transport.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import dev.conduit.config.CommonOptions;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.InboundOptions;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.inbound.ActivationState;
import dev.conduit.inbound.AdapterWork;
import dev.conduit.inbound.DeliveryWorker;
import dev.conduit.inbound.Dispatch;
import dev.conduit.inbound.EndpointActivation;
import dev.conduit.inbound.EndpointDelivery;
import dev.conduit.inbound.EndpointSource;
import dev.conduit.inbound.StopSignal;
import dev.conduit.metrics.ConsumeMetrics;
import dev.conduit.transport.TopicRegistry;
import dev.conduit.transport.TopicStrategy;

/**
 * Builds the NATS side of an endpoint activation over one connection: per topic, a durable pull consumer named
 * after the group (so several servers share the work) with one puller, and {@code concurrency} delivery workers
 * behind an ordered, bounded dispatch shared by all topics.
 */
public final class NatsInbound {

    private NatsInbound() {
    }

    public static EndpointActivation activation(MessageEndpointFactory factory, ConfigValues config)
            throws ResourceException {
        String group = config.get(InboundOptions.GROUP_ID);
        Connection connection;
        try {
            connection = NatsConnections.connect(config, config.get(CommonOptions.CLIENT_ID) + "-" + group);
        } catch (IOException e) {
            throw new jakarta.resource.spi.CommException(e.getMessage(), e);
        }
        try {
            return build(factory, config, group, connection);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            closeQuietly(connection);
            throw new ResourceException("could not set up the NATS consumers of group '" + group + "': "
                    + e.getMessage(), e);
        }
    }

    private static EndpointActivation build(MessageEndpointFactory factory, ConfigValues config, String group,
                                            Connection connection) throws IOException, JetStreamApiException {
        NatsStreams streams = new NatsStreams(connection.jetStreamManagement(), TopicRegistry.from(config),
                TopicStrategy.of(config.get(CommonOptions.TOPIC_STRATEGY)), Duration.ofSeconds(30));
        int concurrency = config.get(InboundOptions.CONCURRENCY);
        List<String> topics = ConduitActivationSpec.topics(config);
        StopSignal stop = new StopSignal();
        CountDownLatch finished = new CountDownLatch(concurrency + topics.size());
        ConsumeMetrics metrics = new ConsumeMetrics();
        ActivationState state = new ActivationState(config.get(InboundOptions.CATCH_UP_THRESHOLD));
        NatsDeadLetterSink deadLetters = new NatsDeadLetterSink(connection, streams,
                config.get(InboundOptions.DEAD_LETTER_TOPIC));
        EndpointDelivery delivery = new EndpointDelivery(config.get(InboundOptions.MAX_ATTEMPTS),
                Duration.ofMillis(config.get(InboundOptions.RETRY_BACKOFF_MS)),
                "envelope".equals(config.get(InboundOptions.DELIVERY)), deadLetters, metrics, stop);
        Dispatch dispatch = new Dispatch(config.get(InboundOptions.MAX_BUFFERED_EVENTS), concurrency, delivery,
                metrics, "aggregate".equals(config.get(InboundOptions.ORDERING)),
                "at-most-once".equals(config.get(InboundOptions.GUARANTEE)));
        EndpointSource endpoints = new EndpointSource(factory);
        DeliveryWorker.Batching batching = DeliveryWorker.Batching.of(config);
        String durable = NatsStreams.streamName(group);
        List<AdapterWork> works = new ArrayList<>();
        Duration ackWait = Duration.ofMillis(config.get(InboundOptions.ACK_WAIT_MS));
        // Each topic's puller asks for at most its share of the buffer, so one busy topic cannot starve the others.
        int batchSize = Math.max(1, Math.min(config.get(InboundOptions.MAX_POLL_RECORDS),
                dispatch.capacity() / topics.size()));
        Duration pullExpiry = Duration.ofMillis(config.get(InboundOptions.POLL_TIMEOUT_MS));
        for (String topic : topics) {
            String stream = streams.ensure(topic);
            connection.getStreamContext(stream).createOrUpdateConsumer(
                    ConsumerConfiguration.builder()
                            .durable(durable)
                            .filterSubject(topic)
                            .ackPolicy(AckPolicy.Explicit)
                            .ackWait(ackWait)
                            .maxAckPending(config.get(InboundOptions.MAX_ACK_PENDING))
                            .deliverPolicy("latest".equals(config.get(InboundOptions.START_POSITION))
                                    ? DeliverPolicy.New : DeliverPolicy.All)
                            .build());
            works.add(new NatsPuller("conduit-nats-" + group + "-" + stream + "-puller", connection,
                    connection.jetStreamManagement(), stream, durable, batchSize, pullExpiry, ackWait, dispatch, state, stop, finished::countDown));
        }
        for (int i = 0; i < concurrency; i++) {
            works.add(new DeliveryWorker("conduit-nats-" + group + "-" + i, dispatch, endpoints, batching, stop,
                    finished::countDown));
        }
        String description = "nats " + topics + " group " + group + " (" + config.get(CommonOptions.SERVERS) + ")";
        return new EndpointActivation(description, works, stop, finished, () -> {
            dispatch.abandonQueued();
            deadLetters.close();
            closeQuietly(connection);
        }, metrics, state);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
