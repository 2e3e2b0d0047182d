package dev.conduit.testsupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.conduit.brokers.EmbeddedKafka;

/** A real KRaft broker per test class. */
public abstract class RealKafkaAdapterTest extends AdapterTest {

    protected static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }
}
