package dev.conduit.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;

import dev.conduit.api.ConnectionClosedException;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.PublishException;
import dev.conduit.api.PublishResult;
import dev.conduit.testsupport.Configs;
import dev.conduit.transport.OutgoingMessage;
import dev.conduit.transport.TransportConfig;
import dev.conduit.transport.TransportPublisher;

/** The JCA contract of a managed connection: handle lifecycle and the events the pool relies on. */
class ConduitManagedConnectionTest {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger releases = new AtomicInteger();

    @Test
    void closingAHandleTellsThePoolOnceWithThatHandle() throws Exception {
        ConduitManagedConnection managed = managed(new FailingTransport(false));
        EventStreamConnection first = (EventStreamConnection) managed.getConnection(null, null);
        EventStreamConnection second = (EventStreamConnection) managed.getConnection(null, null);

        first.close();
        first.close();

        assertThat(events).containsExactly("closed:" + System.identityHashCode(first));
        assertThat(second.isClosed()).isFalse();
        assertThatThrownBy(() -> first.publish("t", new byte[0])).isInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void cleanupInvalidatesHandlesAndDestroyReleasesTheSharedClientOnce() throws Exception {
        ConduitManagedConnection managed = managed(new FailingTransport(false));
        EventStreamConnection handle = (EventStreamConnection) managed.getConnection(null, null);

        managed.cleanup();
        assertThat(handle.isClosed()).isTrue();
        assertThat(events).isEmpty();

        managed.destroy();
        managed.destroy();
        assertThat(releases).hasValue(1);
        assertThatThrownBy(() -> managed.getConnection(null, null))
                .hasMessageContaining("already destroyed");
    }

    @Test
    void aFatalPublishFailureReportsAConnectionErrorOnceAndTheConnectionIsNoLongerMatched() throws Exception {
        ConduitManagedConnection managed = managed(new FailingTransport(true));
        EventStreamConnection handle = (EventStreamConnection) managed.getConnection(null, null);

        assertThatThrownBy(() -> handle.publish("t", new byte[0])).isInstanceOf(PublishException.class)
                .hasMessageContaining("producer fenced");
        assertThatThrownBy(() -> handle.publish("t", new byte[0])).isInstanceOf(PublishException.class);

        assertThat(events).containsExactly("error:producer fenced");
        assertThat(managed.isUsable()).isFalse();
        assertThat(managed.factory().matchManagedConnections(java.util.Set.of(managed), null, null)).isNull();
    }

    @Test
    void aTransientFailureIsReportedToTheCallerOnly() throws Exception {
        ConduitManagedConnection managed = managed(new FailingTransport(false));
        EventStreamConnection handle = (EventStreamConnection) managed.getConnection(null, null);

        assertThatThrownBy(() -> handle.publish("t", new byte[0])).isInstanceOf(PublishException.class);

        assertThat(events).isEmpty();
        assertThat(managed.isUsable()).isTrue();
    }

    private ConduitManagedConnection managed(TransportPublisher transport) throws Exception {
        TransportConfig config = Configs.outbound("transport", "kafka", "servers", "unused:1",
                "publishTimeoutMs", "1000");
        ConduitManagedConnectionFactory factory = new ConduitManagedConnectionFactory();
        ConduitManagedConnection managed = new ConduitManagedConnection(factory,
                new SharedPublisher(config.transport(), transport, config.values()), releases::incrementAndGet);
        managed.addConnectionEventListener(new ConnectionEventListener() {
            @Override
            public void connectionClosed(ConnectionEvent event) {
                events.add("closed:" + System.identityHashCode(event.getConnectionHandle()));
            }

            @Override
            public void connectionErrorOccurred(ConnectionEvent event) {
                events.add("error:" + event.getException().getMessage());
            }

            @Override
            public void localTransactionStarted(ConnectionEvent event) {
            }

            @Override
            public void localTransactionCommitted(ConnectionEvent event) {
            }

            @Override
            public void localTransactionRolledback(ConnectionEvent event) {
            }
        });
        return managed;
    }

    /** Fails every send; {@code fatal} says whether the failure is one the client never recovers from. */
    private record FailingTransport(boolean fatal) implements TransportPublisher {
        @Override
        public CompletableFuture<PublishResult> send(OutgoingMessage message) {
            return CompletableFuture.failedFuture(new IllegalStateException(fatal ? "producer fenced" : "timeout"));
        }

        @Override
        public boolean isFatal(Throwable failure) {
            return fatal;
        }

        @Override
        public dev.conduit.transport.TopicProvisioner topics() {
            return NoTopics.INSTANCE;
        }

        @Override
        public void close(Duration timeout) {
        }
    }
}
