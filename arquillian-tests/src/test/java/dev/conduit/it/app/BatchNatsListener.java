package dev.conduit.it.app;

import java.util.List;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.BatchEventListener;
import dev.conduit.api.IncomingEvent;

/**
 * A batch MDB on nats: fails the first attempt of batches holding one of about twenty events, and every
 * batch holding a "poison" event, which the adapter must narrow down to that one event and dead-letter.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "nats"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${conduit.nats.servers}"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "it.nats.batch"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "it-nats-batch"),
        @ActivationConfigProperty(propertyName = "delivery", propertyValue = "envelope"),
        @ActivationConfigProperty(propertyName = "maxBatchSize", propertyValue = "50"),
        @ActivationConfigProperty(propertyName = "maxAttempts", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "retryBackoffMs", propertyValue = "10"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4")})
public class BatchNatsListener implements BatchEventListener {

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
