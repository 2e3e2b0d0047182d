package dev.conduit.bench.app;

import java.util.List;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.BatchEventListener;
import dev.conduit.api.IncomingEvent;

/** Conduit, kafka, batch listener, concurrency 4, ordering aggregate. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "kafka"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${bench.kafka.servers}"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "bench-k-b4"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "bench-k-b4"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "ordering", propertyValue = "aggregate")})
public class ConduitKafkaBatchC4 implements BatchEventListener {

    @Inject
    Counters counters;

    @Override
    public void onEvents(List<IncomingEvent> events) {
        counters.add("bench-k-b4", events.size());
    }
}
