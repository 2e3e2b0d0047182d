package dev.conduit.transport.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.MessageInfo;
import org.junit.jupiter.api.Test;

import dev.conduit.api.Envelope;
import dev.conduit.api.EventListener;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.api.IncomingEvent;
import dev.conduit.api.PublishResult;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.outbound.ConduitManagedConnectionFactory;
import dev.conduit.testsupport.AdapterTest;
import dev.conduit.testsupport.Await;
import dev.conduit.testsupport.OrderChecker;
import dev.conduit.testsupport.RealNatsAdapterTest;
import dev.conduit.testsupport.TestEndpointFactory;

/** The inbound path against a real nats-server: durable pull consumers, ack after success, nak and dead letter. */
class NatsInboundTest extends RealNatsAdapterTest {

    @Test
    void acksOnlyAfterTheListenerSucceededAndRedeliversFailures() throws Exception {
        Queue<IncomingEvent> delivered = new ConcurrentLinkedQueue<>();
        Map<String, Integer> failuresLeft = new HashMap<>(Map.of("v-10", 2));
        EventListener listener = event -> {
            synchronized (failuresLeft) {
                if (failuresLeft.getOrDefault(text(event), 0) > 0) {
                    failuresLeft.merge(text(event), -1, Integer::sum);
                    throw new IllegalStateException("transient");
                }
            }
            delivered.add(event);
        };
        TestEndpointFactory endpoints = new TestEndpointFactory(listener);
        ConduitActivationSpec spec = spec("in.acks", "g-acks");
        spec.setConcurrency("2");
        adapter.endpointActivation(endpoints, spec);

        try (Connection plain = Nats.connect(nats.url())) {
            JetStream jetStream = plain.jetStream();
            for (int i = 0; i < 100; i++) {
                jetStream.publish("in.acks", ("v-" + i).getBytes(StandardCharsets.UTF_8));
            }
            await(() -> delivered.size() >= 100, "100 deliveries");
            adapter.endpointDeactivation(endpoints, spec);

            assertThat(delivered).extracting(AdapterTest::text).hasSize(100).doesNotHaveDuplicates();
            assertThat(delivered).filteredOn(e -> text(e).equals("v-10")).singleElement()
                    .satisfies(e -> assertThat(e.deliveryAttempt()).isEqualTo(3));
            ConsumerInfo info = plain.jetStreamManagement().getConsumerInfo("in_acks", "g-acks");
            assertThat(info.getNumAckPending()).isZero();
            assertThat(info.getNumPending()).isZero();
        }
        assertThat(endpoints.released()).isEqualTo(endpoints.created());
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("conduit-nats-g-acks")
                && t.isAlive());
        // jnats' own threads of the activation's connection (<clientId>-<groupId>:<n>, -connect-, -callback-)
        // end once the connection is closed.
        Await.within(() -> activationThreads("conduit-g-acks").isEmpty(), Duration.ofSeconds(30));
        assertThat(activationThreads("conduit-g-acks")).as("threads of the activation's NATS connection after undeploy").isEmpty();
    }

    @Test
    void anEventThatKeepsFailingIsDeadLetteredAndTheRestFlows() throws Exception {
        Queue<String> delivered = new ConcurrentLinkedQueue<>();
        TestEndpointFactory endpoints = new TestEndpointFactory(event -> {
            if (text(event).equals("poison")) {
                throw new IllegalArgumentException("cannot handle poison");
            }
            delivered.add(text(event));
        });
        ConduitActivationSpec spec = spec("in.poison", "g-poison");
        spec.setMaxAttempts("2");
        adapter.endpointActivation(endpoints, spec);

        try (Connection plain = Nats.connect(nats.url())) {
            for (String value : List.of("ok-1", "poison", "ok-2")) {
                plain.jetStream().publish("in.poison", value.getBytes(StandardCharsets.UTF_8));
            }
            await(() -> delivered.size() >= 2 && streamCount(plain, "in_poison_DLT") == 1, "good events + letter");
            adapter.endpointDeactivation(endpoints, spec);

            assertThat(delivered).containsExactlyInAnyOrder("ok-1", "ok-2");
            MessageInfo dead = plain.jetStreamManagement().getMessage("in_poison_DLT", 1);
            assertThat(new String(dead.getData(), StandardCharsets.UTF_8)).isEqualTo("poison");
            assertThat(dead.getHeaders().getFirst("conduit.dlt.topic")).isEqualTo("in.poison");
            assertThat(dead.getHeaders().getFirst("conduit.dlt.position")).isEqualTo("2");
            assertThat(dead.getHeaders().getFirst("conduit.dlt.reason")).isEqualTo("listener failed 2 times; "
                    + "last failure: java.lang.IllegalArgumentException: cannot handle poison");
            assertThat(plain.jetStreamManagement().getConsumerInfo("in_poison", "g-poison").getNumAckPending())
                    .isZero();
        }
    }

    @Test
    void everyEventAckedToThePublisherIsDeliveredAcrossAServerRestart() throws Exception {
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        TestEndpointFactory endpoints = new TestEndpointFactory(event -> delivered.add(event.envelope().eventId()));
        ConduitActivationSpec spec = spec("restart.events", "g-restart");
        spec.setReconnectWaitMs("100");
        // Deliveries lost in the crash come back after ackWait; new ones wait for them (order per aggregate).
        spec.setAckWaitMs("3000");
        adapter.endpointActivation(endpoints, spec);

        ConduitManagedConnectionFactory mcf = new ConduitManagedConnectionFactory();
        mcf.setTransport("nats");
        mcf.setServers(nats.url());
        mcf.setReconnectWaitMs("100");
        mcf.setPublishTimeoutMs("10000");
        mcf.setResourceAdapter(adapter);
        EventStreamConnectionFactory factory = (EventStreamConnectionFactory) mcf.createConnectionFactory();
        Set<String> acked = ConcurrentHashMap.newKeySet();
        int failed = 0;
        try (EventStreamConnection connection = factory.getConnection()) {
            List<CompletableFuture<PublishResult>> pending = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                if (i == 1_000) {
                    // Mid-stream: everything sent so far is acknowledged, then the server dies and comes back.
                    for (int j = 0; j < pending.size(); j++) {
                        pending.get(j).join();
                        acked.add(ids.get(j));
                    }
                    pending.clear();
                    ids.clear();
                    nats.restart();
                }
                Envelope envelope = Envelope.builder("Tick").aggregateId("a-" + i % 10)
                        .payload(new byte[] {(byte) i}).build();
                ids.add(envelope.eventId());
                pending.add(connection.publishEnvelopeAsync("restart.events", envelope).toCompletableFuture());
            }
            for (int j = 0; j < pending.size(); j++) {
                try {
                    pending.get(j).get(30, TimeUnit.SECONDS);
                    acked.add(ids.get(j));
                } catch (Exception e) {
                    failed++;
                }
            }
        }

        await(() -> delivered.containsAll(acked), "every acknowledged event");
        adapter.endpointDeactivation(endpoints, spec);
        assertThat(acked).hasSizeGreaterThanOrEqualTo(1_000);
        assertThat(delivered).containsAll(acked);
        System.out.printf("NATS restart: %d acknowledged, %d failed to publish (reported to the caller), "
                + "%d delivered%n", acked.size(), failed, delivered.size());
    }

    /**
     * Events that stay in the adapter longer than ackWait (in a slow listener, or queued behind it in their
     * aggregate's lane) are kept alive: the server delivers each message exactly once.
     */
    @Test
    void eventsHeldLongerThanAckWaitAreNotRedelivered() throws Exception {
        Queue<IncomingEvent> delivered = new ConcurrentLinkedQueue<>();
        OrderChecker order = new OrderChecker(0);
        TestEndpointFactory endpoints = new TestEndpointFactory(event -> {
            if (event.headers().get("aggregateID").startsWith("slow-") && event.headers().get("seq").equals("0")) {
                Thread.sleep(3_500);
            }
            order.onEvent(event);
            delivered.add(event);
        });
        ConduitActivationSpec spec = spec("in.slow", "g-slow");
        spec.setAckWaitMs("1000");
        spec.setConcurrency("4");
        adapter.endpointActivation(endpoints, spec);

        int events = 0;
        try (Connection plain = Nats.connect(nats.url())) {
            JetStream jetStream = plain.jetStream();
            for (int seq = 0; seq < 5; seq++) {
                for (String aggregate : List.of("slow-0", "slow-1", "slow-2", "quick-0", "quick-1")) {
                    io.nats.client.impl.Headers headers = new io.nats.client.impl.Headers()
                            .put("aggregateID", aggregate).put("seq", Integer.toString(seq));
                    jetStream.publish("in.slow", headers, new byte[8]);
                    events++;
                }
            }
            int total = events;
            await(() -> delivered.size() >= total, total + " deliveries");
            adapter.endpointDeactivation(endpoints, spec);

            assertThat(delivered).hasSize(total).allSatisfy(e -> assertThat(e.deliveryAttempt()).isEqualTo(1));
            assertThat(order.orderViolations()).as(order.summary()).isZero();
            ConsumerInfo info = plain.jetStreamManagement().getConsumerInfo("in_slow", "g-slow");
            assertThat(info.getDelivered().getConsumerSequence()).as("deliveries by the server, redeliveries "
                    + "included").isEqualTo(total);
            assertThat(info.getNumAckPending()).isZero();
        }
    }

    private static List<String> activationThreads(String prefix) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith(prefix) && e.getKey().isAlive())
                .map(e -> e.getKey().getName() + " " + e.getKey().getState() + " at "
                        + java.util.Arrays.toString(java.util.Arrays.copyOf(e.getValue(), Math.min(6, e.getValue().length))))
                .toList();
    }

    private static long streamCount(Connection connection, String stream) {
        try {
            return connection.jetStreamManagement().getStreamInfo(stream).getStreamState().getMsgCount();
        } catch (Exception e) {
            return 0;
        }
    }

    private static ConduitActivationSpec spec(String topic, String group) {
        ConduitActivationSpec spec = new ConduitActivationSpec();
        spec.setTransport("nats");
        spec.setServers(nats.url());
        spec.setTopics(topic);
        spec.setGroupId(group);
        spec.setRetryBackoffMs("10");
        spec.setPollTimeoutMs("200");
        return spec;
    }
}
