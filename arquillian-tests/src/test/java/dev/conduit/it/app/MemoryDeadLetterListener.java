package dev.conduit.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;

/** Reads the in-memory dead-letter topic of {@link PoisonMemoryListener}. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "memory"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "it-memory-poison.DLT"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "it-memory-dlt")})
public class MemoryDeadLetterListener implements EventListener {

    @Inject
    ReceivedEvents received;

    @Override
    public void onEvent(IncomingEvent event) {
        received.add(event);
    }
}
