package dev.conduit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;

import dev.conduit.api.IncomingEvent;
import dev.conduit.testsupport.Await;

/**
 * Channel attributes go through the adapter's option catalog: a misplaced or unknown attribute fails the
 * application's start with the same kind of message as an MDB's activation properties. Uses the in-memory
 * transport, which the connector's channels share within one application.
 */
class ChannelSettingsTest {

    @ApplicationScoped
    public static class Loop {
        @Inject
        @Channel("out")
        Emitter<String> emitter;

        private final CompletableFuture<IncomingEvent> received = new CompletableFuture<>();

        @Incoming("in")
        public void receive(IncomingEvent event) {
            received.complete(event);
        }

        public void send(String text) {
            emitter.send(text);
        }

        public CompletableFuture<IncomingEvent> received() {
            return received;
        }
    }

    @Test
    void refusesAnOptionOfAnotherTransportNamingIt() {
        assertThatThrownBy(() -> MessagingApp.start(MessagingApp.config(
                "incoming.in.connector", ConduitConnector.NAME, "incoming.in.transport", "memory",
                "incoming.in.groupId", "g", "incoming.in.acks", "all", "incoming.in.natsToken", "secret-token"),
                Loop.class).close())
                .hasStackTraceContaining("Invalid Conduit channel 'in' (mp.messaging.incoming.in.*)")
                .hasStackTraceContaining("'natsToken' does not apply to transport=memory")
                .hasStackTraceContaining("attribute 'acks' applies to outgoing channels only")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("secret-token"));
    }

    @Test
    void refusesSmallRyesConcurrencyAndUnknownAttributes() {
        assertThatThrownBy(() -> MessagingApp.start(MessagingApp.config(
                "incoming.in.connector", ConduitConnector.NAME, "incoming.in.transport", "memory",
                "incoming.in.groupId", "g", "incoming.in.concurrency", "4", "incoming.in.grupId", "x"),
                Loop.class).close())
                .hasStackTraceContaining("set 'max-concurrency'")
                .hasStackTraceContaining("attribute 'grupId' is not a Conduit option");
    }

    @Test
    void publishesAndConsumesThroughTheInMemoryTransport() throws Exception {
        try (MessagingApp app = MessagingApp.start(MessagingApp.config(
                "outgoing.out.connector", ConduitConnector.NAME, "outgoing.out.transport", "memory",
                "outgoing.out.topic", "loop",
                "incoming.in.connector", ConduitConnector.NAME, "incoming.in.transport", "memory",
                "incoming.in.topics", "loop", "incoming.in.groupId", "g", "incoming.in.max-concurrency", "2"),
                Loop.class)) {
            Loop loop = app.bean(Loop.class);
            Await.until(() -> {
                loop.send("hello");
                return Await.within(() -> loop.received().isDone(), java.time.Duration.ofMillis(500));
            }, "a message through the in-memory topic");
            assertThat(new String(loop.received().get(1, TimeUnit.SECONDS).payload())).isEqualTo("hello");
        }
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
