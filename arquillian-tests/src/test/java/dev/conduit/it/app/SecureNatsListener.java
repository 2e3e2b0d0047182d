package dev.conduit.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;

/** An MDB on the TLS-only NATS server as an NKey user; the seed is a Payara password alias. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "nats"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${conduit.nats.secure.servers}"),
        @ActivationConfigProperty(propertyName = "natsNkeySeed", propertyValue = "${ALIAS=conduit-nats-seed}"),
        @ActivationConfigProperty(propertyName = "tlsTruststore", propertyValue = "${conduit.ca.pem}"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "it.secure.orders"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "it-secure-nats"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "2")})
public class SecureNatsListener implements EventListener {

    @Inject
    ReceivedEvents received;

    @Override
    public void onEvent(IncomingEvent event) {
        received.add(event);
    }
}
