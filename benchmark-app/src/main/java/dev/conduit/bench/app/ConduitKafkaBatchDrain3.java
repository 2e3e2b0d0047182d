package dev.conduit.bench.app;

import java.util.List;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.BatchEventListener;
import dev.conduit.api.IncomingEvent;

/**
 * Conduit, kafka, batch listener (batches of up to 100), concurrency 4, ordering aggregate, for backlog drain 3: its
 * servers are a gate of the benchmark that passes nothing on to the broker until the backlog was published, so the
 * activation cannot consume before.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "kafka"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${bench.kafka.bdrain3}"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "bench-k-drain3"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "bench-k-bdrain3"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "ordering", propertyValue = "aggregate")})
public class ConduitKafkaBatchDrain3 implements BatchEventListener {

    @Inject
    Counters counters;

    @Override
    public void onEvents(List<IncomingEvent> events) {
        counters.add("bench-k-bdrain3", events.size());
    }
}
