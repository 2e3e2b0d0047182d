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
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.inbound.ConsumerWork;
import dev.conduit.inbound.EndpointActivation;
import dev.conduit.inbound.EndpointDelivery;
import dev.conduit.inbound.EndpointSource;
import dev.conduit.inbound.StopSignal;
import dev.conduit.metrics.ConsumeMetrics;

/** Builds the Kafka side of an endpoint activation: {@code concurrency} consumers in one group. */
public final class KafkaInbound {

    private KafkaInbound() {
    }

    public static EndpointActivation activation(MessageEndpointFactory factory, ConfigValues config)
            throws InvalidConfigurationException {
        List<String> topics = ConduitActivationSpec.topics(config);
        String group = config.get(InboundOptions.GROUP_ID);
        int concurrency = config.get(InboundOptions.CONCURRENCY);
        StopSignal stop = new StopSignal();
        CountDownLatch finished = new CountDownLatch(concurrency);
        ConsumeMetrics metrics = new ConsumeMetrics();
        KafkaDeadLetterSink deadLetters = new KafkaDeadLetterSink(
                KafkaSettings.deadLetterProducer(config, group + "-dlt"), config.get(InboundOptions.DEAD_LETTER_TOPIC));
        EndpointDelivery delivery = new EndpointDelivery(config.get(InboundOptions.MAX_ATTEMPTS),
                Duration.ofMillis(config.get(InboundOptions.RETRY_BACKOFF_MS)),
                "envelope".equals(config.get(InboundOptions.DELIVERY)), deadLetters, metrics, stop);
        EndpointSource endpoints = new EndpointSource(factory);
        List<ConsumerWork> works = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            String name = "conduit-kafka-" + group + "-" + i;
            works.add(new KafkaConsumerWork(name, KafkaSettings.consumer(config, group + "-" + i), topics,
                    Duration.ofMillis(config.get(InboundOptions.POLL_TIMEOUT_MS)), delivery, endpoints, stop,
                    finished));
        }
        String description = "kafka " + topics + " group " + group + " (" + config.get(CommonOptions.SERVERS) + ")";
        return new EndpointActivation(description, works, stop, finished, deadLetters::close, metrics);
    }
}
