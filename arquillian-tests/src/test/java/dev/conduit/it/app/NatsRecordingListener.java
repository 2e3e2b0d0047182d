package dev.conduit.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;

/** The same kind of MDB as {@link RecordingListener}, switched to NATS JetStream by configuration alone. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "nats"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${conduit.nats.servers}"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "it.nats.inbound,it.nats.roundtrip,it.nats.restart"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "it-nats-recorder"),
        @ActivationConfigProperty(propertyName = "reconnectWaitMs", propertyValue = "100"),
        // After the server restart test, new events wait up to ackWait for what the crash lost.
        @ActivationConfigProperty(propertyName = "ackWaitMs", propertyValue = "5000"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "2")})
public class NatsRecordingListener implements EventListener {

    @Inject
    ReceivedEvents received;

    @Override
    public void onEvent(IncomingEvent event) {
        received.add(event);
    }
}
