package dev.conduit.bench.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;

/** Conduit, kafka, per-event listener, concurrency 4, ordering none. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "kafka"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${bench.kafka.servers}"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "bench-k-c4u"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "bench-k-c4u"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "ordering", propertyValue = "none")})
public class ConduitKafkaC4Unordered implements EventListener {

    @Inject
    Counters counters;

    @Override
    public void onEvent(IncomingEvent event) {
        counters.add("bench-k-c4u", 1);
    }
}
