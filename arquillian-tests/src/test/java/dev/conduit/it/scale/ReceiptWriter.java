package dev.conduit.it.scale;

import java.nio.charset.StandardCharsets;

import jakarta.annotation.Resource;

import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.api.IncomingEvent;

/**
 * What every MDB of the scale-out test does, whichever transport it consumes: for each event it writes a receipt
 * ("instance|topic|aggregate|sequence|position|attempt", keyed by topic and
 * aggregate; the last two, the event's offset or stream sequence and its delivery attempt, only for reading a dump) to the Kafka topic {@link #RECEIPTS} and
 * returns only once the broker acknowledged it. The next event of the aggregate can only be delivered after that,
 * wherever it runs, so the receipts' order per key is the order in which the group processed the aggregate's
 * events. The receipts are the test's ledger, not the system under test, so they are on Kafka for every transport.
 * The MDBs declare {@code EventListener} themselves: the container takes an MDB's listener interface from the
 * interfaces its own class implements, not from its superclasses.
 */
public abstract class ReceiptWriter {

    public static final String RECEIPTS = "scale-receipts";

    @Resource(lookup = "conduit/kafka")
    EventStreamConnectionFactory factory;

    public void onEvent(IncomingEvent event) {
        // Kafka events are raw records keyed by aggregate; NATS events are envelopes (NATS messages have no key).
        String aggregate = event.isEnvelope() ? event.envelope().aggregateId() : event.key();
        String receipt = System.getProperty("conduit.instance") + "|" + event.topic() + "|" + aggregate + "|"
                + new String(event.payload(), StandardCharsets.UTF_8) + "|" + event.position() + "|"
                + event.deliveryAttempt();
        try (EventStreamConnection connection = factory.getConnection()) {
            connection.publish(RECEIPTS, event.topic() + "|" + aggregate, receipt.getBytes(StandardCharsets.UTF_8));
        }
    }
}
