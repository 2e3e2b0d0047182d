package dev.conduit.demo.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.Envelope;
import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;

/** The same listener on NATS JetStream: only the activation properties differ from {@link OrderEventsListener}. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "nats"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${conduit.nats.servers}"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "orders"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "order-dashboard"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "delivery", propertyValue = "envelope")})
public class NatsOrderEventsListener implements EventListener {

    @Inject
    ReceivedOrders received;

    @Override
    public void onEvent(IncomingEvent event) {
        Envelope envelope = event.envelope();
        received.record("nats", envelope.aggregateId(), envelope.eventType());
    }
}
