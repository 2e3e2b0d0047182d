package dev.conduit.it.tracing;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;

import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;
import dev.conduit.facade.tracing.TracingInterceptor;

/** An MDB that continues the publisher's trace (the facade's interceptor) and records the span it runs in. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "nats"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${conduit.nats.servers}"),
        @ActivationConfigProperty(propertyName = "reconnectWaitMs", propertyValue = "100"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "it.nats.traced"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "it-traced")})
@Interceptors(TracingInterceptor.class)
public class TracedNatsListener implements EventListener {

    @Inject
    TracedDeliveries deliveries;

    @Override
    public void onEvent(IncomingEvent event) {
        deliveries.record(event);
    }
}
