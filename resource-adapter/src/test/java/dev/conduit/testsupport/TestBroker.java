package dev.conduit.testsupport;

import java.time.Duration;
import java.util.List;

import dev.conduit.brokers.ForkedKafka;
import dev.conduit.brokers.NatsServer;

/**
 * What a shared scenario needs of a transport's broker: the {@code transport} and {@code servers} properties, and a
 * way to pause it. Kafka is a real KRaft broker in its own JVM, NATS a real nats-server; the in-memory transport
 * has no broker.
 */
public interface TestBroker extends AutoCloseable {

    /** Every registered transport, in the order the shared tests run them. */
    List<String> TRANSPORTS = List.of("kafka", "nats", "memory");

    String transport();

    /** The {@code servers} property, or {@code null} where the transport has none. */
    String servers();

    /** Whether {@link #freeze} pauses something (the in-memory transport has nothing to pause). */
    boolean canFreeze();

    /** Pauses the broker process (SIGSTOP) for {@code duration}. */
    void freeze(Duration duration) throws InterruptedException;

    @Override
    void close();

    static TestBroker start(String transport) {
        return switch (transport) {
            case "kafka" -> new Kafka(ForkedKafka.start(4));
            case "nats" -> new Nats(NatsServer.start());
            case "memory" -> new Memory();
            default -> throw new IllegalArgumentException("no test broker for transport " + transport);
        };
    }

    /** A real KRaft broker in its own JVM. */
    record Kafka(ForkedKafka broker) implements TestBroker {
        public String transport() {
            return "kafka";
        }

        public String servers() {
            return broker.bootstrapServers();
        }

        public boolean canFreeze() {
            return true;
        }

        public void freeze(Duration duration) throws InterruptedException {
            broker.freeze(duration);
        }

        public void close() {
            broker.close();
        }
    }

    /** A real nats-server -js. */
    record Nats(NatsServer server) implements TestBroker {
        public String transport() {
            return "nats";
        }

        public String servers() {
            return server.url();
        }

        public boolean canFreeze() {
            return true;
        }

        public void freeze(Duration duration) throws InterruptedException {
            server.freeze(duration);
        }

        public void close() {
            server.close();
        }
    }

    /** The adapter's own topics: nothing to start. */
    record Memory() implements TestBroker {
        public String transport() {
            return "memory";
        }

        public String servers() {
            return null;
        }

        public boolean canFreeze() {
            return false;
        }

        public void freeze(Duration duration) {
            throw new UnsupportedOperationException("the in-memory transport has no broker to freeze");
        }

        public void close() {
        }
    }
}
