package dev.conduit.testsupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import dev.conduit.adapter.ConduitResourceAdapter;
import dev.conduit.brokers.EmbeddedKafka;

/** A real KRaft broker per test class and a freshly started adapter per test, stopped afterwards. */
public abstract class RealKafkaAdapterTest {

    protected static EmbeddedKafka kafka;
    protected ConduitResourceAdapter adapter;
    protected TestBootstrapContext context;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
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
