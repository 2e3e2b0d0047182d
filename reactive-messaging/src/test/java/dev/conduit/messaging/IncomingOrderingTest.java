package dev.conduit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.smallrye.reactive.messaging.annotations.Blocking;

import dev.conduit.api.IncomingEvent;
import dev.conduit.testsupport.Await;
import dev.conduit.testsupport.OrderChecker;
import dev.conduit.testsupport.TestBroker;

/**
 * Order per aggregate while the application processes messages concurrently ({@code @Blocking(ordered = false)}:
 * SmallRye runs the method on its worker pool, many messages at once), on a real broker of each transport: one
 * channel on 3 topics x 1,000 aggregates, 30,000 envelopes, most published while the channel consumes, 1 % of first
 * attempts failing (nack, then retried by the pipeline) and 2 % slow.
 */
class IncomingOrderingTest {

    private static final int AGGREGATES = 1_000;
    private static final int EVENTS_PER_AGGREGATE = 10;

    @ApplicationScoped
    public static class OrderedProcessing {

        private final OrderChecker checker = new OrderChecker(0.01, 0.02, Duration.ofMillis(5));
        private final AtomicInteger inMethod = new AtomicInteger();
        private final AtomicInteger mostInMethod = new AtomicInteger();

        @Incoming("orders")
        @Blocking(ordered = false)
        public void process(IncomingEvent event) throws InterruptedException {
            mostInMethod.accumulateAndGet(inMethod.incrementAndGet(), Math::max);
            try {
                checker.onEvent(event);
            } finally {
                inMethod.decrementAndGet();
            }
        }

        public OrderChecker checker() {
            return checker;
        }

        public int mostInMethod() {
            return mostInMethod.get();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "nats"})
    void keepsOrderPerAggregateWhileProcessingConcurrently(String transport) throws Exception {
        String prefix = "rmorder" + transport;
        List<String> topics = List.of(prefix + "-a", prefix + "-b", prefix + "-c");
        int total = topics.size() * AGGREGATES * EVENTS_PER_AGGREGATE;
        try (TestBroker broker = TestBroker.start(transport); Events events = new Events(broker)) {
            events.publish(topics, AGGREGATES, 0, 1); // the topics exist before the channel subscribes
            try (MessagingApp app = MessagingApp.start(MessagingApp.config(
                    "incoming.orders.connector", ConduitConnector.NAME,
                    "incoming.orders.transport", transport,
                    "incoming.orders.servers", broker.servers(),
                    "incoming.orders.topics", String.join(",", topics),
                    "incoming.orders.groupId", "rm-ordering",
                    "incoming.orders.max-concurrency", "16",
                    "incoming.orders.retryBackoffMs", "10"), OrderedProcessing.class)) {
                OrderedProcessing processing = app.bean(OrderedProcessing.class);
                long start = System.nanoTime();
                events.publish(topics, AGGREGATES, 1, EVENTS_PER_AGGREGATE);
                Await.until(() -> processing.checker().delivered() >= total, Duration.ofMinutes(4),
                        "every event processed in order");
                long millis = (System.nanoTime() - start) / 1_000_000;
                OrderChecker checker = processing.checker();
                System.out.printf("RM ORDERING %s: %d events, %s, most in the method at once=%d, %d ms%n",
                        transport, total, checker.summary(), processing.mostInMethod(), millis);
                assertThat(checker.delivered()).as("lost").isEqualTo(total);
                assertThat(checker.orderViolations()).as("out of order").isZero();
                assertThat(checker.concurrentViolations()).as("one aggregate processed concurrently").isZero();
                assertThat(checker.duplicates()).as("duplicates").isZero();
                assertThat(checker.injectedFailures()).as("nacks exercised").isPositive();
                assertThat(processing.mostInMethod()).as("messages processed at the same time").isGreaterThan(1);
            }
        }
    }
}
