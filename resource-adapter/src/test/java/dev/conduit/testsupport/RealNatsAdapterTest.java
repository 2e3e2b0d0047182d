package dev.conduit.testsupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import dev.conduit.adapter.ConduitResourceAdapter;
import dev.conduit.brokers.NatsServer;

/** A real nats-server -js per test class and a freshly started adapter per test, stopped afterwards. */
public abstract class RealNatsAdapterTest {

    protected static NatsServer nats;
    protected ConduitResourceAdapter adapter;
    protected TestBootstrapContext context;

    @BeforeAll
    static void startServer() {
        nats = NatsServer.start();
    }

    @AfterAll
    static void stopServer() {
        nats.close();
    }

    @BeforeEach
    void startAdapter() throws Exception {
        adapter = new ConduitResourceAdapter();
        context = new TestBootstrapContext();
        adapter.start(context);
    }

    @AfterEach
    void stopAdapter() {
        adapter.stop();
    }
}
