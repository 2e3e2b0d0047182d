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
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "kafka"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${conduit.kafka.servers}"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "it-traced"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "it-traced")})
@Interceptors(TracingInterceptor.class)
public class TracedKafkaListener implements EventListener {

    @Inject
    TracedDeliveries deliveries;

    @Override
    public void onEvent(IncomingEvent event) {
        deliveries.record(event);
    }
}
