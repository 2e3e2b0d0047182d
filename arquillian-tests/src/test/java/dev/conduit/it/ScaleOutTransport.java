package dev.conduit.it;

import java.util.List;

import dev.conduit.it.scale.ReceiptWriter;

/**
 * What differs per transport in {@link TwoServersOneGroupTest}: the group's topics, the MDB the servers run, what
 * the server JVMs need to know, and how the test publishes. Everything else (servers, phases, receipts, checks) is
 * shared.
 */
interface ScaleOutTransport {

    /** Publishes events of the group's topics; {@link #close()} returns once every one was acknowledged. */
    interface Publisher extends AutoCloseable {

        /** Sends event {@code sequence} of {@code aggregate} to {@code topic}, without waiting for the broker. */
        void send(String topic, String aggregate, int sequence) throws Exception;

        @Override
        void close() throws Exception;
    }

    /** {@code kafka} or {@code nats}. */
    String name();

    /** The two topics the group consumes (as the MDB names them). */
    List<String> topics();

    /** The MDB of this transport: alone in the application, so nothing else consumes or creates topics. */
    Class<? extends ReceiptWriter> listener();

    /** System properties of the server JVMs beyond the Kafka servers of the receipts ("-Dname=value" each). */
    List<String> serverProperties();

    /** Creates the group's topics before the servers start, where the transport needs that. */
    void createTopics() throws Exception;

    Publisher publisher() throws Exception;
}
