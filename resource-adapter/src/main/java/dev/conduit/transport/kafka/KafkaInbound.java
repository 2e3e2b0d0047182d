package dev.conduit.transport.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import dev.conduit.config.CommonOptions;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.InboundOptions;
import dev.conduit.config.InvalidConfigurationException;
import dev.conduit.inbound.ActivationState;
import dev.conduit.inbound.AdapterWork;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.inbound.DeliveryWorker;
import dev.conduit.inbound.Dispatch;
import dev.conduit.inbound.EndpointActivation;
import dev.conduit.inbound.EndpointDelivery;
import dev.conduit.inbound.EndpointSource;
import dev.conduit.inbound.StopSignal;
import dev.conduit.metrics.ConsumeMetrics;

/**
 * Builds the Kafka side of an endpoint activation: one consumer (one group member for all the MDB's topics) and
 * {@code concurrency} delivery workers behind an ordered, bounded dispatch.
 */
public final class KafkaInbound {

    private KafkaInbound() {
    }

    public static EndpointActivation activation(MessageEndpointFactory factory, ConfigValues config)
            throws InvalidConfigurationException {
        List<String> topics = ConduitActivationSpec.topics(config);
        String group = config.get(InboundOptions.GROUP_ID);
        int concurrency = config.get(InboundOptions.CONCURRENCY);
        int maxPollRecords = config.get(InboundOptions.MAX_POLL_RECORDS);
        StopSignal stop = new StopSignal();
        CountDownLatch workersDone = new CountDownLatch(concurrency);
        CountDownLatch finished = new CountDownLatch(concurrency + 1);
        ConsumeMetrics metrics = new ConsumeMetrics();
        ActivationState state = new ActivationState(config.get(InboundOptions.CATCH_UP_THRESHOLD));
        KafkaDeadLetterSink deadLetters = new KafkaDeadLetterSink(
                KafkaSettings.deadLetterProducer(config, group + "-dlt"), config.get(InboundOptions.DEAD_LETTER_TOPIC));
        EndpointDelivery delivery = new EndpointDelivery(config.get(InboundOptions.MAX_ATTEMPTS),
                Duration.ofMillis(config.get(InboundOptions.RETRY_BACKOFF_MS)),
                "envelope".equals(config.get(InboundOptions.DELIVERY)), deadLetters, metrics, stop);
        // Room for a full poll above the pause mark keeps the poller from blocking on a full dispatcher.
        int capacity = Math.max(config.get(InboundOptions.MAX_BUFFERED_EVENTS), 2 * maxPollRecords);
        Dispatch dispatch = new Dispatch(capacity, concurrency, delivery, metrics,
                "aggregate".equals(config.get(InboundOptions.ORDERING)),
                "at-most-once".equals(config.get(InboundOptions.GUARANTEE)));
        EndpointSource endpoints = new EndpointSource(factory);
        DeliveryWorker.Batching batching = DeliveryWorker.Batching.of(config);
        List<AdapterWork> works = new ArrayList<>();
        works.add(new KafkaPoller("conduit-kafka-" + group + "-poller", KafkaSettings.consumer(config, group),
                topics, Duration.ofMillis(config.get(InboundOptions.POLL_TIMEOUT_MS)), maxPollRecords, dispatch,
                state, stop, workersDone, finished::countDown));
        for (int i = 0; i < concurrency; i++) {
            works.add(new DeliveryWorker("conduit-kafka-" + group + "-" + i, dispatch, endpoints, batching, stop, () -> {
                workersDone.countDown();
                finished.countDown();
            }));
        }
        String description = "kafka " + topics + " group " + group + " (" + config.get(CommonOptions.SERVERS) + ")";
        return new EndpointActivation(description, works, stop, finished, () -> {
            dispatch.abandonQueued();
            deadLetters.close();
        }, metrics, state);
    }
}
