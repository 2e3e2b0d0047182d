package dev.conduit.it.scale;

import java.nio.charset.StandardCharsets;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

import dev.conduit.api.EventListener;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.api.IncomingEvent;

/**
 * The MDB every server instance of the scale-out test runs, in one group on two topics. For each event it writes a
 * receipt ("instance|topic|aggregate|sequence", keyed by topic and aggregate) and returns only once the broker
 * acknowledged it: the next event of the aggregate can only be delivered after that, wherever it runs, so the
 * receipts' order per key is the order in which the group processed the aggregate's events.
 */
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
public class ReceiptingListener implements EventListener {

    public static final String RECEIPTS = "scale-receipts";

    @Resource(lookup = "conduit/kafka")
    EventStreamConnectionFactory factory;

    @Override
    public void onEvent(IncomingEvent event) {
        String receipt = System.getProperty("conduit.instance") + "|" + event.topic() + "|" + event.key() + "|"
                + new String(event.payload(), StandardCharsets.UTF_8);
        try (EventStreamConnection connection = factory.getConnection()) {
            connection.publish(RECEIPTS, event.topic() + "|" + event.key(), receipt.getBytes(StandardCharsets.UTF_8));
        }
    }
}
