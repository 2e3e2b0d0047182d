package dev.conduit.bench.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;

/**
 * Conduit, kafka, per-event listener, concurrency 4, ordering aggregate, for backlog drain 3: its servers are a gate
 * of the benchmark that passes nothing on to the broker until the backlog was published, so the activation cannot
 * consume before.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "kafka"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${bench.kafka.drain3}"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "bench-k-drain3"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "bench-k-drain3"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "ordering", propertyValue = "aggregate")})
public class ConduitKafkaDrain3 implements EventListener {

    @Inject
    Counters counters;

    @Override
    public void onEvent(IncomingEvent event) {
        counters.add("bench-k-drain3", 1);
    }
}
