package dev.conduit.transport.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StorageType;
import org.junit.jupiter.api.Test;

import dev.conduit.api.Envelope;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.api.EventStreamException;
import dev.conduit.api.PublishException;
import dev.conduit.api.PublishResult;
import dev.conduit.config.TopicSettings;
import dev.conduit.config.TopicStrategy;
import dev.conduit.outbound.ConduitManagedConnectionFactory;
import dev.conduit.testsupport.RealNatsAdapterTest;
import dev.conduit.transport.TopicRegistry;

/** The outbound path against a real nats-server with JetStream. */
class NatsOutboundTest extends RealNatsAdapterTest {

    @Test
    void publishesRawAndEnvelopeMessagesIntoAStreamCreatedOnDemand() throws Exception {
        Envelope envelope = Envelope.builder("OrderPlaced").aggregateId("order-1").traceId("t-1")
                .payload(bytes("{}")).header("tenant", "acme").build();
        PublishResult raw;
        PublishResult enveloped;
        try (EventStreamConnection connection = factory(Map.of()).getConnection()) {
            assertThat(connection.transport()).isEqualTo("nats");
            raw = connection.publish("orders.eu", bytes("plain"));
            enveloped = connection.publishEnvelope("orders.eu", envelope);
        }

        assertThat(raw.partition()).isEqualTo(-1);
        assertThat(enveloped.position()).isEqualTo(raw.position() + 1);
        try (Connection plain = Nats.connect(nats.url())) {
            JetStreamManagement management = plain.jetStreamManagement();
            assertThat(management.getStreamInfo("orders_eu").getConfiguration().getSubjects())
                    .containsExactly("orders.eu");
            assertThat(management.getStreamInfo("orders_eu").getConfiguration().getStorageType())
                    .isEqualTo(StorageType.File);
            MessageInfo first = management.getMessage("orders_eu", raw.position());
            assertThat(new String(first.getData(), StandardCharsets.UTF_8)).isEqualTo("plain");
            MessageInfo second = management.getMessage("orders_eu", enveloped.position());
            assertThat(second.getHeaders().getFirst("eventType")).isEqualTo("OrderPlaced");
            assertThat(second.getHeaders().getFirst("aggregateID")).isEqualTo("order-1");
            assertThat(second.getHeaders().getFirst("tenant")).isEqualTo("acme");
            assertThat(second.getHeaders().getFirst("Nats-Msg-Id")).isEqualTo(envelope.eventId());
        }
    }

    @Test
    void republishingAnEnvelopeIsDeduplicatedByItsEventId() throws Exception {
        Envelope envelope = Envelope.builder("Paid").aggregateId("o-2").payload(bytes("x")).build();
        try (EventStreamConnection connection = factory(Map.of()).getConnection()) {
            PublishResult first = connection.publishEnvelope("dedup", envelope);
            PublishResult again = connection.publishEnvelope("dedup", envelope);

            assertThat(first.duplicate()).isFalse();
            assertThat(again.duplicate()).isTrue();
            assertThat(again.position()).isEqualTo(first.position());
        }
        try (Connection plain = Nats.connect(nats.url())) {
            assertThat(plain.jetStreamManagement().getStreamInfo("dedup").getStreamState().getMsgCount())
                    .isEqualTo(1);
        }
    }

    @Test
    void streamStorageAndLimitsComeFromTheFactorysTopicConfig() throws Exception {
        try (EventStreamConnection connection = factory(Map.of("topicConfig", "*:replicas=1;ephemeral:persistent=false,maxMessages=1000")).getConnection()) {
            connection.publish("ephemeral", bytes("x"));
        }
        try (Connection plain = Nats.connect(nats.url())) {
            assertThat(plain.jetStreamManagement().getStreamInfo("ephemeral").getConfiguration().getStorageType())
                    .isEqualTo(StorageType.Memory);
            assertThat(plain.jetStreamManagement().getStreamInfo("ephemeral").getConfiguration().getMaxMsgs())
                    .isEqualTo(1000);
        }
    }

    @Test
    void concurrentFirstPublishersCreateTheStreamExactlyOnce() throws Exception {
        int threads = 32;
        try (Connection connection = Nats.connect(nats.url())) {
            NatsStreams streams = new NatsStreams(connection.jetStreamManagement(),
                    new TopicRegistry(TopicSettings.EMPTY),
                    TopicStrategy.CREATE, Duration.ofSeconds(30));
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            Set<String> names = ConcurrentHashMap.newKeySet();
            List<Future<?>> tasks = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                tasks.add(pool.submit(() -> {
                    start.await();
                    names.add(streams.ensure("first.use"));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> task : tasks) {
                task.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();

            assertThat(names).containsExactly("first_use");
            assertThat(streams.creations()).isEqualTo(1);
            assertThat(streams.ensure("first.use")).isEqualTo("first_use");
            assertThat(streams.creations()).isEqualTo(1);
        }
    }

    @Test
    void aStreamNameOwnedByOtherSubjectsIsReportedClearly() throws Exception {
        try (Connection plain = Nats.connect(nats.url())) {
            plain.jetStreamManagement().addStream(io.nats.client.api.StreamConfiguration.builder()
                    .name("clash_topic").subjects("something.else").build());
        }
        try (EventStreamConnection connection = factory(Map.of()).getConnection()) {
            assertThatThrownBy(() -> connection.publish("clash.topic", bytes("x")))
                    .isInstanceOf(EventStreamException.class)
                    .hasMessageContaining("NATS stream 'clash_topic' exists but captures [something.else]");
        }
    }

    /**
     * No stream listens on the subject for a while (a stream without a leader during a cluster fail-over): the
     * server answers "no responders" at once, so the message was not stored, and the adapter sends it again until
     * a stream takes it or the publish timeout passes.
     */
    @Test
    void aPublishNoStreamAnswersIsSentAgainUntilAStreamTakesItOrThePublishTimeoutPasses() throws Exception {
        try (EventStreamConnection connection = factory(Map.of("topicStrategy", "skip", "publishTimeoutMs", "4000"))
                .getConnection(); Connection plain = Nats.connect(nats.url())) {
            CompletableFuture<PublishResult> pending = connection.publishAsync("late.orders", null, bytes("x"))
                    .toCompletableFuture();
            assertThat(pending).as("no stream yet: not acknowledged").isNotDone();
            plain.jetStreamManagement().addStream(io.nats.client.api.StreamConfiguration.builder().name("late")
                    .subjects("late.orders").build());
            assertThat(pending.get(10, TimeUnit.SECONDS).position()).isEqualTo(1);

            long start = System.nanoTime();
            assertThatThrownBy(() -> connection.publish("never.orders", bytes("y")))
                    .isInstanceOf(PublishException.class)
                    .hasMessageContaining("no JetStream stream answered for subject 'never.orders' within "
                            + "publishTimeoutMs=4000").hasMessageContaining("the message was not stored");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(3_000));
        }
    }

    @Test
    void aPublishTheServerNeverAcknowledgesFailsAfterThePublishTimeout() throws Exception {
        try (dev.conduit.brokers.NatsServer doomed = dev.conduit.brokers.NatsServer.start()) {
            EventStreamConnectionFactory factory = factory(Map.of("servers", doomed.url(),
                    "publishTimeoutMs", "1000"));
            try (EventStreamConnection connection = factory.getConnection()) {
                connection.publish("doomed", bytes("stored"));
                doomed.kill();
                long start = System.nanoTime();
                assertThatThrownBy(() -> connection.publish("doomed", bytes("lost")))
                        .isInstanceOf(dev.conduit.api.PublishException.class)
                        .hasMessageContaining("no JetStream acknowledgement for subject 'doomed' within "
                                + "publishTimeoutMs=1000");
                // Not before the timeout; after it within one sweep of jnats' request cleanup (100 ms) plus slack.
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1_000),
                        Duration.ofMillis(1_600));
            }
        }
    }

    /**
     * A frozen server (GC pause, busy host) delays acknowledgements; none may fail before publishTimeoutMs, all
     * must fail right after it, and the error says how long it really waited.
     */
    @Test
    void acknowledgementsFailAtThePublishTimeoutAndNotBefore() throws Exception {
        EventStreamConnectionFactory factory = factory(Map.of("publishTimeoutMs", "2000"));
        try (EventStreamConnection connection = factory.getConnection()) {
            connection.publish("frozen", bytes("provisions the stream"));
            List<CompletableFuture<PublishResult>> withinTimeout = new ArrayList<>();
            nats.suspend();
            try {
                for (int i = 0; i < 5_000; i++) {
                    withinTimeout.add(connection.publishAsync("frozen", null, bytes("m-" + i)).toCompletableFuture());
                }
                // Frozen for 1.5 s: the acknowledgements come late, but within publishTimeoutMs.
                Thread.sleep(1_500);
            } finally {
                nats.resume();
            }
            CompletableFuture.allOf(withinTimeout.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertThat(withinTimeout).allSatisfy(ack -> assertThat(ack).isCompletedWithValueMatching(
                    result -> result.position() > 0));

            List<Long> failedAfterMillis = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<CompletableFuture<PublishResult>> beyondTimeout = new ArrayList<>();
            nats.suspend();
            try {
                long start = System.nanoTime();
                for (int i = 0; i < 100; i++) {
                    beyondTimeout.add(connection.publishAsync("frozen", null, bytes("late-" + i))
                            .toCompletableFuture().whenComplete((result, failure) -> {
                                failedAfterMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                                failures.add(failure);
                            }));
                }
                CompletableFuture.allOf(beyondTimeout.toArray(CompletableFuture[]::new))
                        .handle((r, f) -> null).get(10, TimeUnit.SECONDS);
            } finally {
                nats.resume();
            }
            assertThat(failures).hasSize(100).allSatisfy(failure -> assertThat(failure)
                    .hasRootCauseInstanceOf(java.util.concurrent.TimeoutException.class)
                    .hasMessageContaining("within publishTimeoutMs=2000 (waited ")
                    .hasMessageContaining("may or may not be stored"));
            assertThat(failedAfterMillis).allSatisfy(millis -> assertThat(millis).isBetween(2_000L, 2_600L));
        }
    }

    @Test
    void anUnreachableServerFailsTheConnectionWithTheAddress() throws Exception {
        EventStreamConnectionFactory factory = factory(Map.of("servers", "nats://127.0.0.1:1",
                "maxReconnects", "0"));
        assertThatThrownBy(factory::getConnection)
                .isInstanceOf(EventStreamException.class)
                .hasMessageContaining("could not connect to NATS at nats://127.0.0.1:1");
    }

    private EventStreamConnectionFactory factory(Map<String, String> settings) throws Exception {
        ConduitManagedConnectionFactory mcf = new ConduitManagedConnectionFactory();
        mcf.setTransport("nats");
        mcf.setServers(settings.getOrDefault("servers", nats.url()));
        mcf.setClientId("nats-outbound-test");
        mcf.setPublishTimeoutMs(settings.getOrDefault("publishTimeoutMs", "5000"));
        if (settings.containsKey("topicConfig")) {
            mcf.setTopicConfig(settings.get("topicConfig"));
        }
        if (settings.containsKey("maxReconnects")) {
            mcf.setMaxReconnects(settings.get("maxReconnects"));
        }
        if (settings.containsKey("topicStrategy")) {
            mcf.setTopicStrategy(settings.get("topicStrategy"));
        }
        mcf.setResourceAdapter(adapter);
        return (EventStreamConnectionFactory) mcf.createConnectionFactory();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
