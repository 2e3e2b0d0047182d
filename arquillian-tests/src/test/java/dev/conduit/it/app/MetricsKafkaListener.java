package dev.conduit.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;

/** The MDB whose counters the metrics test scrapes: fails every "poison-..." event (two attempts, dead letter). */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "kafka"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${conduit.kafka.servers}"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "it-metrics"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "it-metrics"),
        @ActivationConfigProperty(propertyName = "maxAttempts", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "retryBackoffMs", propertyValue = "10"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "2")})
public class MetricsKafkaListener implements EventListener {

    @Inject
    ReceivedEvents received;

    @Override
    public void onEvent(IncomingEvent event) {
        received.failPoison(event);
        received.add(event);
    }
}
