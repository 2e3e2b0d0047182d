package dev.conduit.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;

/** An MDB activated through the adapter; the broker address is resolved from a system property at activation. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "kafka"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${conduit.kafka.servers}"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "it-inbound,it-roundtrip"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "it-recorder"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4")})
public class RecordingListener implements EventListener {

    @Inject
    ReceivedEvents received;

    @Override
    public void onEvent(IncomingEvent event) {
        received.add(event);
    }
}
