package dev.conduit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.conduit.api.IncomingEvent;
import dev.conduit.inbound.DeadLetterSink;
import dev.conduit.testsupport.Await;
import dev.conduit.testsupport.TestBroker;

/**
 * At-least-once through the connector, on a real broker of each transport: a message the application nacks on
 * every attempt is retried up to {@code maxAttempts} and then dead-lettered (read back from {@code <topic>.DLT}
 * through a second conduit channel); messages the application never acked are delivered again, in order, after the
 * application restarts, and nothing it acked comes back.
 */
class AtLeastOnceTest {

    private static final int AGGREGATES = 20;
    private static final int EVENTS_PER_AGGREGATE = 10;
    private static final int ACKED_BEFORE_RESTART = 5;

    /** Nacks every attempt at the event with seq 3 of each aggregate; records the dead letters' channel. */
    @ApplicationScoped
    public static class Poisoned {
        private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
        private final Queue<IncomingEvent> deadLetters = new ConcurrentLinkedQueue<>();
        private final Queue<String> processed = new ConcurrentLinkedQueue<>();

        @Incoming("orders")
        public void process(IncomingEvent event) {
            String id = event.headers().get("aggregateID") + "#" + event.headers().get("seq");
            if (event.headers().get("seq").equals("3")) {
                attempts.merge(id, 1, Integer::sum);
                throw new IllegalStateException("poison " + id);
            }
            processed.add(id);
        }

        @Incoming("dead-letters")
        public void deadLetter(IncomingEvent event) {
            deadLetters.add(event);
        }

        public Map<String, Integer> attempts() {
            return attempts;
        }

        public Queue<IncomingEvent> deadLetters() {
            return deadLetters;
        }

        public Queue<String> processed() {
            return processed;
        }
    }

    /** Acks the first events of every aggregate and holds the next one unacked (so its aggregate stops there). */
    @ApplicationScoped
    public static class Holding {
        private final Queue<String> acked = new ConcurrentLinkedQueue<>();
        private final Queue<Message<IncomingEvent>> held = new ConcurrentLinkedQueue<>();

        @Incoming("orders")
        public CompletionStage<Void> process(Message<IncomingEvent> message) {
            IncomingEvent event = message.getPayload();
            int seq = Integer.parseInt(event.headers().get("seq"));
            if (seq < ACKED_BEFORE_RESTART) {
                acked.add(event.headers().get("aggregateID") + "#" + seq);
                return message.ack();
            }
            held.add(message);
            return CompletableFuture.completedFuture(null);
        }

        public Queue<String> acked() {
            return acked;
        }

        public Queue<Message<IncomingEvent>> held() {
            return held;
        }
    }

    /** Acks everything, recording each aggregate's sequence numbers in arrival order. */
    @ApplicationScoped
    public static class Recording {
        private final Map<String, Queue<Integer>> received = new ConcurrentHashMap<>();

        @Incoming("orders")
        public void process(IncomingEvent event) {
            received.computeIfAbsent(event.headers().get("aggregateID"), a -> new ConcurrentLinkedQueue<>())
                    .add(Integer.parseInt(event.headers().get("seq")));
        }

        public Map<String, Queue<Integer>> received() {
            return received;
        }

        public int count() {
            return received.values().stream().mapToInt(Queue::size).sum();
        }
    }

    private static Map<String, String> channel(TestBroker broker, String channel, String topic, String group,
                                               String... more) {
        Map<String, String> config = MessagingApp.config(
                "incoming." + channel + ".connector", ConduitConnector.NAME,
                "incoming." + channel + ".transport", broker.transport(),
                "incoming." + channel + ".servers", broker.servers(),
                "incoming." + channel + ".topics", topic,
                "incoming." + channel + ".groupId", group);
        for (int i = 0; i < more.length; i += 2) {
            config.put("mp.messaging.incoming." + channel + "." + more[i], more[i + 1]);
        }
        return config;
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "nats"})
    void deadLettersWhatKeepsBeingNacked(String transport) throws Exception {
        String topic = "rmpoison" + transport;
        try (TestBroker broker = TestBroker.start(transport); Events events = new Events(broker)) {
            events.publish(List.of(topic), AGGREGATES, 0, EVENTS_PER_AGGREGATE);
            events.publish(List.of(topic + ".DLT"), 1, 0, 1); // the DLT exists before its channel subscribes
            Map<String, String> config = channel(broker, "orders", topic, "rm-poison", "maxAttempts", "3",
                    "retryBackoffMs", "10", "max-concurrency", "8");
            config.putAll(channel(broker, "dead-letters", topic + ".DLT", "rm-poison-dlt"));
            try (MessagingApp app = MessagingApp.start(config, Poisoned.class)) {
                Poisoned bean = app.bean(Poisoned.class);
                Await.until(() -> bean.deadLetters().size() >= AGGREGATES + 1
                        && bean.processed().size() == AGGREGATES * (EVENTS_PER_AGGREGATE - 1),
                        Duration.ofMinutes(2), "every poison dead-lettered, everything else processed");
                List<IncomingEvent> letters = bean.deadLetters().stream()
                        .filter(e -> e.headers().containsKey(DeadLetterSink.HEADER_REASON)).toList();
                System.out.printf("RM DEAD LETTER %s: %d dead letters, attempts per poison %s, first reason: %s%n",
                        transport, letters.size(), bean.attempts().values().stream().distinct().toList(),
                        letters.get(0).headers().get(DeadLetterSink.HEADER_REASON));
                assertThat(letters).hasSize(AGGREGATES);
                assertThat(letters).allSatisfy(e -> assertThat(e.headers().get("seq")).isEqualTo("3"));
                assertThat(letters.get(0).headers().get(DeadLetterSink.HEADER_REASON)).contains("poison");
                assertThat(bean.attempts().values()).containsOnly(3);
            }
        }
    }

    /**
     * failureStrategy=fail: the channel stops on the event that kept failing, SmallRye's health reports it down
     * with the reason, and nothing of the event's aggregate after it was processed; the next start of the
     * application gets the event again, and every aggregate continues where it stopped, in order.
     */
    @ParameterizedTest
    @ValueSource(strings = {"kafka", "nats"})
    void failStopsTheChannelOnTheEventAndTheNextStartDeliversItAgain(String transport) throws Exception {
        String topic = "rmfail" + transport;
        try (TestBroker broker = TestBroker.start(transport); Events events = new Events(broker)) {
            events.publish(List.of(topic), AGGREGATES, 0, EVENTS_PER_AGGREGATE);
            Map<String, String> config = channel(broker, "orders", topic, "rm-fail", "failureStrategy", "fail",
                    "maxAttempts", "2", "retryBackoffMs", "10", "max-concurrency", "8");
            Set<String> processedBefore;
            try (MessagingApp first = MessagingApp.start(config, Poisoned.class)) {
                Poisoned bean = first.bean(Poisoned.class);
                HealthCenter health = first.bean(HealthCenter.class);
                Await.until(() -> !health.getLiveness().isOk(), Duration.ofMinutes(2), "the channel reported down");
                String reason = health.getLiveness().getChannels().stream().filter(c -> !c.isOk())
                        .map(HealthReport.ChannelInfo::getMessage).findFirst().orElseThrow();
                System.out.printf("RM FAIL %s: down with '%s'; %d processed before%n", transport, reason,
                        bean.processed().size());
                assertThat(reason).contains("orders").contains("poison");
                assertThat(bean.attempts().values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
                assertThat(bean.processed()).noneMatch(id -> Integer.parseInt(id.split("#")[1]) > 3);
                processedBefore = Set.copyOf(bean.processed());
            }
            try (MessagingApp second = MessagingApp.start(config, Recording.class)) {
                Recording bean = second.bean(Recording.class);
                Await.until(() -> bean.received().size() == AGGREGATES && bean.received().values().stream()
                        .allMatch(seqs -> seqs.contains(EVENTS_PER_AGGREGATE - 1)), Duration.ofMinutes(2),
                        "every aggregate to its last event");
                bean.received().forEach((aggregate, seqs) -> {
                    List<Integer> got = List.copyOf(seqs);
                    int from = got.get(0);
                    assertThat(from).as(aggregate + " resumes at or before the poison").isLessThanOrEqualTo(3);
                    assertThat(got).as(aggregate + ": from where it stopped, in order, each once")
                            .isEqualTo(java.util.stream.IntStream.range(from, EVENTS_PER_AGGREGATE).boxed().toList());
                    for (int seq = 0; seq < from; seq++) {
                        assertThat(processedBefore).as(aggregate + " lost nothing").contains(aggregate + "#" + seq);
                    }
                });
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "nats"})
    void deliversUnackedMessagesAgainAfterARestart(String transport) throws Exception {
        String topic = "rmrestart" + transport;
        int total = AGGREGATES * EVENTS_PER_AGGREGATE;
        try (TestBroker broker = TestBroker.start(transport); Events events = new Events(broker)) {
            events.publish(List.of(topic), AGGREGATES, 0, EVENTS_PER_AGGREGATE);
            Map<String, String> config = channel(broker, "orders", topic, "rm-restart", "max-concurrency", "32");
            try (MessagingApp first = MessagingApp.start(config, Holding.class)) {
                Holding bean = first.bean(Holding.class);
                Await.until(() -> bean.held().size() == AGGREGATES
                        && bean.acked().size() == AGGREGATES * ACKED_BEFORE_RESTART, Duration.ofMinutes(2),
                        "the first events acked, one per aggregate held");
            }
            try (MessagingApp second = MessagingApp.start(config, Recording.class)) {
                Recording bean = second.bean(Recording.class);
                Await.until(() -> bean.count() >= total - AGGREGATES * ACKED_BEFORE_RESTART, Duration.ofMinutes(2),
                        "the unacked events delivered again");
                List<Integer> expected = java.util.stream.IntStream.range(ACKED_BEFORE_RESTART, EVENTS_PER_AGGREGATE)
                        .boxed().toList();
                System.out.printf("RM RESTART %s: %d redelivered after restart over %d aggregates%n", transport,
                        bean.count(), bean.received().size());
                assertThat(bean.received()).hasSize(AGGREGATES);
                assertThat(bean.received().values()).allSatisfy(seqs -> assertThat(List.copyOf(seqs))
                        .as("from the held event on, in order, nothing acked again").isEqualTo(expected));
            }
        }
    }
}
