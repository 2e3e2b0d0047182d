package dev.conduit.bench.app;

import java.util.List;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.BatchEventListener;
import dev.conduit.api.IncomingEvent;

/** Conduit, nats, batch listener, concurrency 4, ordering aggregate. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "nats"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${bench.nats.servers}"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "bench-n-b4"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "bench-n-b4"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "ordering", propertyValue = "aggregate")})
public class ConduitNatsBatchC4 implements BatchEventListener {

    @Inject
    Counters counters;

    @Override
    public void onEvents(List<IncomingEvent> events) {
        counters.add("bench-n-b4", events.size());
    }
}
