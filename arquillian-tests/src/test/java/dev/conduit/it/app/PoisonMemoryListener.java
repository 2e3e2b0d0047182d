package dev.conduit.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;

/** Fails on every "poison-..." event: after two attempts it goes to the in-memory dead-letter topic. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "memory"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "it-memory-poison"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "it-memory-poison"),
        @ActivationConfigProperty(propertyName = "maxAttempts", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "retryBackoffMs", propertyValue = "10"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "2")})
public class PoisonMemoryListener implements EventListener {

    @Inject
    ReceivedEvents received;

    @Override
    public void onEvent(IncomingEvent event) {
        received.failPoison(event);
        received.add(event);
    }
}
