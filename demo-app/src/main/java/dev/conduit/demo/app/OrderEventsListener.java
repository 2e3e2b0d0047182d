package dev.conduit.demo.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.Envelope;
import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;

/**
 * A message-driven bean fed by the adapter. The broker address comes from the system property
 * {@code conduit.kafka.servers} (the demo launcher sets it), so the same code runs against any cluster.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "kafka"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${conduit.kafka.servers}"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "orders"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "order-dashboard"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "delivery", propertyValue = "envelope")})
public class OrderEventsListener implements EventListener {

    @Inject
    ReceivedOrders received;

    @Override
    public void onEvent(IncomingEvent event) {
        Envelope envelope = event.envelope();
        received.record("kafka", envelope.aggregateId(), envelope.eventType());
    }
}
