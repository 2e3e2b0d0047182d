package dev.conduit.bench.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;

/** Conduit, nats, per-event listener, concurrency 4, ordering aggregate. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "nats"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${bench.nats.servers}"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "bench-n-c4"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "bench-n-c4"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "ordering", propertyValue = "aggregate")})
public class ConduitNatsC4Ordered implements EventListener {

    @Inject
    Counters counters;

    @Override
    public void onEvent(IncomingEvent event) {
        counters.add("bench-n-c4", 1);
    }
}
