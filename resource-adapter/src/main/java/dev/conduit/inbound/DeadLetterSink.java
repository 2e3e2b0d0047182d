package dev.conduit.inbound;

import dev.conduit.api.IncomingEvent;

/** Where an event goes when it cannot be delivered. {@link #send} returns only once the broker stored it. */
public interface DeadLetterSink extends AutoCloseable {

    /** Header names added to a dead letter, so it can be inspected and replayed. */
    String HEADER_TOPIC = "conduit.dlt.topic";
    String HEADER_PARTITION = "conduit.dlt.partition";
    String HEADER_POSITION = "conduit.dlt.position";
    String HEADER_REASON = "conduit.dlt.reason";

    void send(IncomingEvent event, String reason) throws Exception;

    @Override
    void close();
}
