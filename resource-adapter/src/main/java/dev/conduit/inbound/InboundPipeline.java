package dev.conduit.inbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import dev.conduit.config.ConfigValues;
import dev.conduit.config.InboundOptions;
import dev.conduit.config.InboundOptions.Delivery;
import dev.conduit.config.InboundOptions.Guarantee;
import dev.conduit.config.InboundOptions.Ordering;
import dev.conduit.metrics.ConsumeMetrics;

/**
 * Builds every activation, whatever the transport: source -> dispatch (ordered lanes, bounded) -> delivery workers
 * (one endpoint each, retries, failure strategy) -> completion -> the source's commit/ack. The source brings only
 * what is transport-specific: fetching, committing and its dead-letter sink.
 */
public final class InboundPipeline {

    private InboundPipeline() {
    }

    /**
     * @param transport the transport's id, for thread names and logs
     * @param source    prepared by the transport; closed here if assembly fails, else when the activation ends
     */
    public static EndpointActivation assemble(String transport, EventSource source, MessageEndpointFactory factory,
                                              ConfigValues config) {
        try {
            return build(transport, source, factory, config);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    private static EndpointActivation build(String transport, EventSource source, MessageEndpointFactory factory,
                                            ConfigValues config) {
        String group = config.get(InboundOptions.GROUP_ID);
        int concurrency = config.get(InboundOptions.CONCURRENCY);
        // Fetching stops first at a graceful stop (the buffer drains meanwhile); stopping delivery stops both.
        StopSignal fetching = new StopSignal();
        StopSignal stop = new StopSignal(fetching);
        ActivationHealth health = new ActivationHealth(stop);
        ConsumeMetrics metrics = new ConsumeMetrics();
        CatchUpTracker catchUp = new CatchUpTracker(config.get(InboundOptions.CATCH_UP_THRESHOLD));
        FailureStrategy failures = FailureStrategy.of(config.get(InboundOptions.FAILURE_STRATEGY),
                source.deadLetters(), metrics, health, stop);
        EndpointDelivery delivery = new EndpointDelivery(config.get(InboundOptions.MAX_ATTEMPTS),
                Duration.ofMillis(config.get(InboundOptions.RETRY_BACKOFF_MS)),
                config.get(InboundOptions.DELIVERY) == Delivery.ENVELOPE, failures, metrics, stop);
        // Room for two full polls: a source pausing a poll's worth below capacity never waits long to hand over.
        int capacity = Math.max(config.get(InboundOptions.MAX_BUFFERED_EVENTS),
                2 * config.get(InboundOptions.MAX_POLL_RECORDS));
        Dispatch dispatch = new Dispatch(capacity, concurrency, delivery, metrics,
                config.get(InboundOptions.ORDERING) == Ordering.AGGREGATE,
                config.get(InboundOptions.GUARANTEE) == Guarantee.AT_MOST_ONCE);
        String name = "conduit-" + transport + "-" + group;
        CountDownLatch workersDone = new CountDownLatch(concurrency);
        List<AdapterWork> fetchers = source.fetchers(
                new SourceContext(name, config, dispatch, catchUp, fetching, workersDone, health));
        List<AdapterWork> works = new ArrayList<>(fetchers);
        StopDrain drain = new StopDrain(fetchers, dispatch, stop,
                Duration.ofMillis(config.get(InboundOptions.STOP_DRAIN_MS)));
        EndpointSource endpoints = new EndpointSource(factory);
        DeliveryWorker.Batching batching = DeliveryWorker.Batching.of(config);
        StartupTimes startup = new StartupTimes(name);
        for (int i = 0; i < concurrency; i++) {
            DeliveryWorker worker = new DeliveryWorker(name + "-" + i, dispatch, endpoints, batching, stop, startup);
            worker.whenFinished(workersDone::countDown);
            works.add(worker);
        }
        ActivationName activation = new ActivationName(transport, config.get(InboundOptions.TOPICS), group,
                source.where());
        return new EndpointActivation(activation, works, stop, drain, health, () -> {
            dispatch.abandonQueued();
            source.deadLetters().close();
            source.close();
        }, metrics, catchUp, source::connected, dispatch::size);
    }
}
