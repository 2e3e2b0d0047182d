package dev.conduit.bench.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;

/** Conduit, kafka, per-event listener, concurrency 1, ordering aggregate. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "kafka"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${bench.kafka.servers}"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "bench-k-c1"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "bench-k-c1"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "ordering", propertyValue = "aggregate")})
public class ConduitKafkaC1Ordered implements EventListener {

    @Inject
    Counters counters;

    @Override
    public void onEvent(IncomingEvent event) {
        counters.add("bench-k-c1", 1);
    }
}
