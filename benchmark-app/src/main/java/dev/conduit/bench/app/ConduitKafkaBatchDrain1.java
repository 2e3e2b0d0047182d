package dev.conduit.bench.app;

import java.util.List;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.BatchEventListener;
import dev.conduit.api.IncomingEvent;

/**
 * Conduit, kafka, batch listener (batches of up to 100), concurrency 4, ordering aggregate, for backlog drain 1: its
 * servers are a gate of the benchmark that passes nothing on to the broker until the backlog was published, so the
 * activation cannot consume before.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "kafka"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${bench.kafka.bdrain1}"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "bench-k-drain1"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "bench-k-bdrain1"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "ordering", propertyValue = "aggregate")})
public class ConduitKafkaBatchDrain1 implements BatchEventListener {

    @Inject
    Counters counters;

    @Override
    public void onEvents(List<IncomingEvent> events) {
        counters.add("bench-k-bdrain1", events.size());
    }
}
