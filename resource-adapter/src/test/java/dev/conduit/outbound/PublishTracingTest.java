package dev.conduit.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.conduit.api.Envelope;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.PublishTracing;
import dev.conduit.envelope.TraceParent;
import dev.conduit.testsupport.Configs;
import dev.conduit.transport.OutgoingMessage;
import dev.conduit.transport.TransportConfig;

/**
 * The application's {@link PublishTracing}, found through the thread context class loader when it gets a
 * connection: its envelope is what is sent, it hears of every acknowledgement and failure, and an application
 * without one (or with a broken one) publishes exactly as before.
 */
class PublishTracingTest {

    private static final String PRODUCER_CONTEXT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @TempDir
    Path services;

    @Test
    void theApplicationsTracingChoosesWhatIsSentAndHearsTheAcknowledgement() throws Exception {
        FakeTransportPublisher transport = new FakeTransportPublisher(false);
        RecordingTracing.COMPLETIONS.clear();
        EventStreamConnection handle = handleCreatedBy(applicationLoader(RecordingTracing.class), transport);

        var ack = handle.publishEnvelopeAsync("orders", Envelope.builder("OrderPlaced").aggregateId("o-1")
                .payload(new byte[0]).build());

        OutgoingMessage sent = transport.sent.peek();
        assertThat(sent.headers()).containsEntry(TraceParent.HEADER, PRODUCER_CONTEXT)
                .containsEntry("traceID", "4bf92f3577b34da6a3ce929d0e0e4736")
                .containsEntry("tracedBy", "kafka orders");
        assertThat(RecordingTracing.COMPLETIONS).as("not acknowledged yet").isEmpty();
        transport.acknowledgeOne();
        ack.toCompletableFuture().join();
        assertThat(RecordingTracing.COMPLETIONS).containsExactly("ok");
    }

    @Test
    void withoutTracingOrWithABrokenOneTheEnvelopeIsSentAsBefore() throws Exception {
        for (Class<?> tracing : List.of(Object.class, ThrowingTracing.class)) {
            FakeTransportPublisher transport = new FakeTransportPublisher(true);
            ClassLoader loader = tracing == Object.class ? new ClassLoader(getClass().getClassLoader()) { }
                    : applicationLoader(tracing);
            EventStreamConnection handle = handleCreatedBy(loader, transport);

            handle.publishEnvelope("orders", Envelope.builder("OrderPlaced").payload(new byte[0]).build());

            assertThat(transport.sent.peek().headers()).as(tracing.getSimpleName())
                    .doesNotContainKeys(TraceParent.HEADER, "tracedBy");
        }
    }

    /** Gets a handle the way the container does: on the application's thread, its loader the context loader. */
    private static EventStreamConnection handleCreatedBy(ClassLoader application, FakeTransportPublisher transport)
            throws Exception {
        TransportConfig config = Configs.outbound("transport", "kafka", "servers", "unused:1");
        ConduitManagedConnection managed = new ConduitManagedConnection(new ConduitManagedConnectionFactory(),
                new SharedPublisher(config.transport(), transport, config.values()), () -> { });
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(application);
        try {
            return (EventStreamConnection) managed.getConnection(null, null);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A loader like an application's: this module's classes, plus a service file naming {@code tracing}. */
    private ClassLoader applicationLoader(Class<?> tracing) throws IOException {
        Path dir = Files.createTempDirectory(services, "app");
        Path file = dir.resolve("META-INF/services/" + PublishTracing.class.getName());
        Files.createDirectories(file.getParent());
        Files.writeString(file, tracing.getName() + "\n", StandardCharsets.UTF_8);
        return new java.net.URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    /** Sets a producer context and records how each publish ended. */
    public static final class RecordingTracing implements PublishTracing {
        static final Queue<String> COMPLETIONS = new ConcurrentLinkedQueue<>();

        @Override
        public TracedPublish start(String transport, String topic, Envelope envelope) {
            Envelope traced = envelope.toBuilder().header(TraceParent.HEADER, PRODUCER_CONTEXT)
                    .header("tracedBy", transport + " " + topic).traceId("4bf92f3577b34da6a3ce929d0e0e4736").build();
            return new TracedPublish() {
                @Override
                public Envelope envelope() {
                    return traced;
                }

                @Override
                public void completed(Throwable failure) {
                    COMPLETIONS.add(failure == null ? "ok" : failure.getMessage());
                }
            };
        }
    }

    /** An application tracing that fails: it must not fail the publish. */
    public static final class ThrowingTracing implements PublishTracing {
        @Override
        public TracedPublish start(String transport, String topic, Envelope envelope) {
            throw new IllegalStateException("tracing is broken");
        }
    }
}
