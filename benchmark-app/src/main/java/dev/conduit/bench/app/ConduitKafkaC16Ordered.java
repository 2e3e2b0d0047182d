package dev.conduit.bench.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;

/** Conduit, kafka, per-event listener, concurrency 16, ordering aggregate. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "kafka"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${bench.kafka.servers}"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "bench-k-c16"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "bench-k-c16"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "16"),
        @ActivationConfigProperty(propertyName = "ordering", propertyValue = "aggregate")})
public class ConduitKafkaC16Ordered implements EventListener {

    @Inject
    Counters counters;

    @Override
    public void onEvent(IncomingEvent event) {
        counters.add("bench-k-c16", 1);
    }
}
