package dev.conduit.it.scale;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

import dev.conduit.api.EventListener;

/**
 * The NATS MDB every server instance of the scale-out test runs, in one group on two partitioned topics: each
 * topic's stream has 6 partition subjects, and the servers share them through leases in a key-value bucket.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "conduit"),
        @ActivationConfigProperty(propertyName = "transport", propertyValue = "nats"),
        @ActivationConfigProperty(propertyName = "servers", propertyValue = "${conduit.nats.servers}"),
        @ActivationConfigProperty(propertyName = "topics", propertyValue = "scale-nats-1,scale-nats-2"),
        @ActivationConfigProperty(propertyName = "groupId", propertyValue = "it-scale"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4"),
        // Whichever creates a stream first (this MDB or the test's publisher) makes it with 6 partitions.
        @ActivationConfigProperty(propertyName = "topicConfig", propertyValue = "*:partitions=6"),
        // A killed server's partitions move once its leases ran out (4 s without renewal, checked every 1 s);
        // the survivor then waits ackWait + 3 s for what the dead one left unacknowledged: about 10 s in all.
        @ActivationConfigProperty(propertyName = "partitionLeaseMs", propertyValue = "4000"),
        @ActivationConfigProperty(propertyName = "ackWaitMs", propertyValue = "3000"),
        @ActivationConfigProperty(propertyName = "reconnectWaitMs", propertyValue = "100")})
public class NatsReceiptingListener extends ReceiptWriter implements EventListener {
}
