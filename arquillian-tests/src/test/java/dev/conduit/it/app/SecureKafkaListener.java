package dev.conduit.it.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;

/**
 * An MDB on the SASL_SSL broker: the SCRAM password is a Payara password alias (Payara expands ${ALIAS=...} in
 * activation properties too), the broker address and trust store come from server system properties.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "kafka"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${conduit.kafka.secure.servers}"),
        @ActivationConfigProperty(propertyName = "saslMechanism", propertyValue = "SCRAM-SHA-512"),
        @ActivationConfigProperty(propertyName = "saslUsername", propertyValue = "conduit-it"),
        @ActivationConfigProperty(propertyName = "saslPassword", propertyValue = "${ALIAS=conduit-kafka-password}"),
        @ActivationConfigProperty(propertyName = "tlsTruststore", propertyValue = "${conduit.kafka.secure.truststore}"),
        @ActivationConfigProperty(propertyName = "tlsTruststorePassword", propertyValue = "changeit"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "it-secure-orders"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "it-secure-recorder"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "2")})
public class SecureKafkaListener implements EventListener {

    @Inject
    ReceivedEvents received;

    @Override
    public void onEvent(IncomingEvent event) {
        received.add(event);
    }
}
