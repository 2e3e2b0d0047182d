package dev.conduit.it.scale;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

import dev.conduit.api.EventListener;

/** The Kafka MDB every server instance of the scale-out test runs, in one group on two topics. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "kafka"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${conduit.kafka.servers}"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "scale-1,scale-2"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "it-scale"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4"),
        // A killed server's partitions move after the session timeout: 6 s (the broker's minimum) instead of 45 s.
        @ActivationConfigProperty(propertyName = "kafkaProperties",
                propertyValue = "session.timeout.ms=6000;heartbeat.interval.ms=1000")})
public class ReceiptingListener extends ReceiptWriter implements EventListener {
}
