package dev.conduit.testsupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.conduit.brokers.NatsServer;

/** A real nats-server -js per test class. */
public abstract class RealNatsAdapterTest extends AdapterTest {

    protected static NatsServer nats;

    @BeforeAll
    static void startServer() {
        nats = NatsServer.start();
    }

    @AfterAll
    static void stopServer() {
        nats.close();
    }
}
