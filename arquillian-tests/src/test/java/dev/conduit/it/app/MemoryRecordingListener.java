package dev.conduit.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;

/**
 * An MDB on the in-memory transport, as an application would test itself without a broker: no servers, the same
 * ordering and retries (about one first attempt in twenty fails).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "memory"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "it-memory-roundtrip"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "it-memory"),
        @ActivationConfigProperty(propertyName = "retryBackoffMs", propertyValue = "10"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4")})
public class MemoryRecordingListener implements EventListener {

    @Inject
    ReceivedEvents received;

    @Override
    public void onEvent(IncomingEvent event) {
        received.failFirstAttemptOfSome(event);
        received.add(event);
    }
}
