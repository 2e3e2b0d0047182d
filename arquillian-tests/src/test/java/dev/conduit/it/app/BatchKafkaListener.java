package dev.conduit.it.app;

import java.util.List;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.BatchEventListener;
import dev.conduit.api.IncomingEvent;

/**
 * A batch MDB on kafka: fails the first attempt of batches holding one of about twenty events, and every
 * batch holding a "poison" event, which the adapter must narrow down to that one event and dead-letter.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "kafka"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${conduit.kafka.servers}"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "it-batch"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "it-batch"),
        @ActivationConfigProperty(propertyName = "delivery", propertyValue = "envelope"),
        @ActivationConfigProperty(propertyName = "maxBatchSize", propertyValue = "50"),
        @ActivationConfigProperty(propertyName = "maxAttempts", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "retryBackoffMs", propertyValue = "10"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4")})
public class BatchKafkaListener implements BatchEventListener {

    @Inject
    ReceivedEvents received;

    @Override
    public void onEvents(List<IncomingEvent> events) {
        for (IncomingEvent event : events) {
            received.failPoison(event);
            received.failFirstAttemptOfSome(event);
        }
        received.batch(events);
    }
}
