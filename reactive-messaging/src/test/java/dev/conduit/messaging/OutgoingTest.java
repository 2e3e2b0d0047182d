package dev.conduit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.conduit.api.Envelope;
import dev.conduit.api.EventStreamException;
import dev.conduit.api.IncomingEvent;
import dev.conduit.testsupport.Await;
import dev.conduit.testsupport.TestBroker;

/**
 * Outgoing channels on a real broker of each transport: envelopes sent through an {@link Emitter} are all acked
 * (the emitter's stage completes once the broker acknowledged) and all consumable (read back through an incoming
 * conduit channel); once the broker is gone, a send is nacked with the publish error.
 */
class OutgoingTest {

    private static final int MESSAGES = 2_000;

    @ApplicationScoped
    public static class Sender {
        @Inject
        @Channel("out")
        @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4_096)
        Emitter<Envelope> emitter;

        private final Set<String> consumed = ConcurrentHashMap.newKeySet();

        public CompletionStage<Void> send(Envelope envelope) {
            return emitter.send(envelope);
        }

        @Incoming("back")
        public void consume(IncomingEvent event) {
            consumed.add(event.headers().get("aggregateID") + "#" + event.headers().get("seq"));
        }

        public Set<String> consumed() {
            return consumed;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "nats"})
    void acksWhatTheBrokerStoredAndNacksWhenItIsGone(String transport) throws Exception {
        String topic = "rmout" + transport;
        TestBroker broker = TestBroker.start(transport);
        try (Events events = new Events(broker)) {
            events.publish(List.of(topic), 1, 0, 1); // the topic exists before the reading channel subscribes
            Map<String, String> config = MessagingApp.config(
                    "outgoing.out.connector", ConduitConnector.NAME,
                    "outgoing.out.transport", transport,
                    "outgoing.out.servers", broker.servers(),
                    "outgoing.out.topic", topic,
                    "outgoing.out.maxInFlight", "256",
                    "outgoing.out.publishTimeoutMs", "3000",
                    "incoming.back.connector", ConduitConnector.NAME,
                    "incoming.back.transport", transport,
                    "incoming.back.servers", broker.servers(),
                    "incoming.back.topics", topic,
                    "incoming.back.groupId", "rm-out");
            try (MessagingApp app = MessagingApp.start(config, Sender.class)) {
                Sender sender = app.bean(Sender.class);
                List<CompletableFuture<Void>> acks = new ArrayList<>();
                for (int i = 0; i < MESSAGES; i++) {
                    acks.add(sender.send(Events.envelope("out-" + (i % 50), i / 50)).toCompletableFuture());
                }
                CompletableFuture.allOf(acks.toArray(new CompletableFuture<?>[0])).get(2, TimeUnit.MINUTES);
                Await.until(() -> sender.consumed().size() >= MESSAGES + 1, Duration.ofMinutes(2),
                        "every published message consumed");
                System.out.printf("RM OUTGOING %s: %d sent, %d acked, %d consumed%n", transport, MESSAGES,
                        acks.stream().filter(a -> !a.isCompletedExceptionally()).count(), sender.consumed().size());
                assertThat(sender.consumed()).hasSize(MESSAGES + 1);

                broker.close();
                long start = System.nanoTime();
                CompletableFuture<Void> lost = sender.send(Events.envelope("out-lost", 0)).toCompletableFuture();
                Throwable failure = null;
                try {
                    lost.get(1, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    failure = e.getCause();
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("RM OUTGOING %s broker gone: nacked after %d ms with %s%n", transport, millis,
                        failure);
                assertThat(failure).as("nacked").isInstanceOf(EventStreamException.class);
                assertThat(failure.getMessage()).as("says what happened").containsAnyOf(topic, "publishTimeoutMs");
                assertThat(millis).as("within publishTimeoutMs and its grace").isLessThan(10_000);
                assertThat(millis).as("fails once publishTimeoutMs passed").isGreaterThanOrEqualTo(3_000);
            }
        } finally {
            broker.close();
        }
    }
}
