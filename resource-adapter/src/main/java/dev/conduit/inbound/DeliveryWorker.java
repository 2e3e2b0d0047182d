package dev.conduit.inbound;

import java.time.Duration;

import jakarta.resource.spi.endpoint.MessageEndpoint;

import dev.conduit.api.BatchEventListener;
import dev.conduit.api.EventListener;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.InboundOptions;

/**
 * One delivery thread of an activation: owns one message endpoint (endpoints are single-threaded) and delivers
 * whatever the activation's {@link Dispatch} hands it until the activation stops: one event per call to an
 * {@link EventListener}, a batch per call to a {@link BatchEventListener}.
 */
public final class DeliveryWorker extends AdapterWork {

    private static final Duration IDLE_WAIT = Duration.ofMillis(100);

    private final Dispatch dispatch;
    private final EndpointSource endpoints;
    private final Batching batching;
    private final StartupTimes startup;

    DeliveryWorker(String name, Dispatch dispatch, EndpointSource endpoints, Batching batching, StopSignal stop,
                   StartupTimes startup) {
        super(name, stop);
        this.dispatch = dispatch;
        this.endpoints = endpoints;
        this.batching = batching;
        this.startup = startup;
    }

    /** How a batch listener's batches are formed: at most {@code maxSize} events, waiting up to {@code maxWait}. */
    record Batching(int maxSize, Duration maxWait) {

        static Batching of(ConfigValues config) {
            return new Batching(config.get(InboundOptions.MAX_BATCH_SIZE),
                    Duration.ofMillis(config.get(InboundOptions.MAX_BATCH_WAIT_MS)));
        }
    }

    @Override
    protected void execute() {
        MessageEndpoint endpoint = endpoints.create(stop);
        if (endpoint == null) {
            return;
        }
        startup.reached("first endpoint ready");
        try {
            if (endpoint instanceof BatchEventListener batches) {
                while (!stop.isRaised()) {
                    dispatch.deliverNextBatch(batches, batching.maxSize(), IDLE_WAIT, batching.maxWait());
                }
            } else {
                EventListener listener = (EventListener) endpoint;
                while (!stop.isRaised()) {
                    dispatch.deliverNext(listener, IDLE_WAIT);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            endpoint.release();
        }
    }
}
