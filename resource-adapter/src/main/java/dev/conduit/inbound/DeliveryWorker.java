package dev.conduit.inbound;

import java.time.Duration;

import jakarta.resource.spi.endpoint.MessageEndpoint;

import dev.conduit.api.EventListener;

/**
 * One delivery thread of an activation: owns one message endpoint (endpoints are single-threaded) and delivers
 * whatever the activation's {@link Dispatch} hands it until the activation stops.
 */
public final class DeliveryWorker extends AdapterWork {

    private static final Duration IDLE_WAIT = Duration.ofMillis(100);

    private final Dispatch dispatch;
    private final EndpointSource endpoints;

    public DeliveryWorker(String name, Dispatch dispatch, EndpointSource endpoints, StopSignal stop,
                          Runnable onFinished) {
        super(name, stop, onFinished);
        this.dispatch = dispatch;
        this.endpoints = endpoints;
    }

    @Override
    protected void execute() {
        MessageEndpoint endpoint = endpoints.create(stop);
        if (endpoint == null) {
            return;
        }
        try {
            EventListener listener = (EventListener) endpoint;
            while (!stop.isRaised()) {
                dispatch.deliverNext(listener, IDLE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            endpoint.release();
        }
    }
}
