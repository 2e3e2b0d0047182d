package dev.conduit.bench.app;

import java.util.List;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.BatchEventListener;
import dev.conduit.api.IncomingEvent;

/**
 * Conduit, kafka, batch listener, concurrency 4, ordering aggregate, for backlog drain 2, in a group of the consumer
 * group protocol (KIP-848: assignments by the brokers, no initial rebalance delay); its servers are a port the
 * benchmark opens only once the backlog was published.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "kafka"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${bench.kafka.kdrain2}"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "bench-k-drain2"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "bench-k-kdrain2"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "kafkaProperties", propertyValue = "group.protocol=consumer"),
        @ActivationConfigProperty(propertyName = "ordering", propertyValue = "aggregate")})
public class ConduitKafkaKip848Drain2 implements BatchEventListener {

    @Inject
    Counters counters;

    @Override
    public void onEvents(List<IncomingEvent> events) {
        counters.add("bench-k-kdrain2", events.size());
    }
}
