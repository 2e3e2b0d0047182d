package dev.conduit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same shapes as {@link KafkaInContainerTest}, on NATS JetStream: the application switched transports by
 * configuration only (another pool, another MDB activation), checked with a plain jnats client.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NatsInContainerTest {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return TestApplicationArchive.create();
    }

    private AppClient app() {
        return new AppClient(base);
    }

    @Test
    void publishesEnvelopesThroughTheInjectedFactory() throws Exception {
        String[] acked = app().post("events/nats/it.nats.outbound/envelopes?count=100&prefix=out").split(" ");
        assertThat(acked).hasSize(101);

        try (Connection plain = Nats.connect(InContainerEnvironment.nats().url())) {
            JetStreamManagement management = plain.jetStreamManagement();
            assertThat(management.getStreamInfo("it_nats_outbound").getStreamState().getMsgCount()).isEqualTo(100);
            for (long sequence = 1; sequence <= 100; sequence++) {
                MessageInfo message = management.getMessage("it_nats_outbound", sequence);
                int index = Integer.parseInt(message.getHeaders().getFirst("index"));
                // One stream is one ordered log: publish order is stream order.
                assertThat(index).isEqualTo(sequence - 1);
                assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("out-" + index);
                assertThat(message.getHeaders().getFirst("aggregateID")).isEqualTo("agg-" + index % 10);
                assertThat(message.getHeaders().getFirst("eventType")).isEqualTo("TestEvent");
            }
        }
    }

    @Test
    void concurrentFirstPublishersCreateTheStreamOnce() throws Exception {
        String[] outcome = app().post("events/nats/it.nats.first.use/concurrent?threads=16").split(" ");

        assertThat(outcome).containsExactly("1", "16");
        try (Connection plain = Nats.connect(InContainerEnvironment.nats().url())) {
            assertThat(plain.jetStreamManagement().getStreamInfo("it_nats_first_use").getStreamState().getMsgCount())
                    .isEqualTo(16);
        }
    }

    @Test
    void mdbReceivesWhatAPlainPublisherSent() throws Exception {
        Set<String> expected = new LinkedHashSet<>();
        try (Connection plain = Nats.connect(InContainerEnvironment.nats().url())) {
            JetStream jetStream = plain.jetStream();
            for (int i = 0; i < 200; i++) {
                jetStream.publish("it.nats.inbound", ("in-" + i).getBytes(StandardCharsets.UTF_8));
                expected.add("null|in-" + i + "|-");
            }
        }

        app().awaitReceived("it.nats.inbound", 200, Duration.ofSeconds(90));

        assertThat(new HashSet<>(app().received("it.nats.inbound"))).isEqualTo(expected);
    }

    @Test
    void roundTripOfTenThousandEventsLosesNothingAndKeepsAggregateOrder() throws Exception {
        int count = 10_000;
        long start = System.nanoTime();
        String[] published = app().post("events/nats/it.nats.roundtrip/envelopes?count=" + count + "&prefix=rt")
                .split(" ");
        assertThat(published).hasSize(count + 1);
        app().awaitReceived("it.nats.roundtrip", count, Duration.ofSeconds(180));
        long totalMillis = (System.nanoTime() - start) / 1_000_000;

        List<String> lines = app().received("it.nats.roundtrip");
        OrderCheck.assertCompleteAndOrdered(lines, count);
        System.out.printf("ROUND TRIP nats: %d events, publish %s ms, publish->all consumed %d ms = %.0f events/s, "
                + "%d duplicates%n", count, published[0], totalMillis, count * 1000.0 / totalMillis,
                lines.size() - count);
    }

    @Test
    void everyEventAckedToThePublisherArrivesAcrossAServerRestart() throws Exception {
        Set<Integer> acked = new HashSet<>(ackedIndexes(app().post(
                "events/nats/it.nats.restart/envelopes?count=1000&from=0&prefix=rs")));
        assertThat(acked).hasSize(1000);

        InContainerEnvironment.nats().restart();
        acked.addAll(ackedIndexes(app().post("events/nats/it.nats.restart/envelopes?count=1000&from=1000&prefix=rs")));

        // Counted by distinct event, not by lines: the restarted server replays some events, and those it lost
        // in transit come back only after ackWait (new ones wait for them, to keep every aggregate in order).
        await("every acknowledged event delivered").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(deliveredIndexes("it.nats.restart")).containsAll(acked));
        Set<Integer> delivered = deliveredIndexes("it.nats.restart");
        Map<String, Integer> summary = new HashMap<>(Map.of("acked", acked.size(), "delivered", delivered.size()));
        System.out.println("NATS restart in-container: " + summary + " of 2000 published");
    }


    private Set<Integer> deliveredIndexes(String topic) throws Exception {
        return app().received(topic).stream()
                .map(line -> Integer.parseInt(line.split("\\|")[1].substring(3))).collect(Collectors.toSet());
    }

    /**
     * A batch MDB: batches fail now and then (retried) and whenever they hold the poison event (narrowed down):
     * every other event arrives once, in aggregate order, and only the poison is dead-lettered.
     */
    @Test
    void aBatchMdbSeesEveryAggregateInOrderAndOnlyThePoisonIsDeadLettered() throws Exception {
        int count = 2_000;
        app().post("events/nats/it.nats.batch/envelopes?count=" + count + "&prefix=bt");
        app().post("events/nats/it.nats.batch/envelopes?count=1&from=" + count + "&prefix=poison");

        app().awaitReceived("it.nats.batch", count, Duration.ofSeconds(120));

        OrderCheck.assertCompleteAndOrdered(app().received("it.nats.batch"), count);
        try (Connection plain = Nats.connect(InContainerEnvironment.nats().url())) {
            io.nats.client.JetStreamManagement management = plain.jetStreamManagement();
            await("the poison in the dead-letter stream").atMost(Duration.ofSeconds(60))
                    .until(() -> deadLetters(management, "it_nats_batch_DLT") >= 1);
            assertThat(deadLetters(management, "it_nats_batch_DLT")).isEqualTo(1);
            io.nats.client.api.MessageInfo dead = management.getMessage("it_nats_batch_DLT", 1);
            assertThat(new String(dead.getData(), StandardCharsets.UTF_8)).isEqualTo("poison-" + count);
            assertThat(dead.getHeaders().getFirst("conduit.dlt.reason")).contains("cannot handle poison");
        }
        assertThat(Integer.parseInt(app().get("events/it.nats.batch/failures"))).isPositive();
        assertThat(Integer.parseInt(app().get("events/it.nats.batch/largestBatch"))).isGreaterThan(1);
    }

    private static long deadLetters(io.nats.client.JetStreamManagement management, String stream) {
        try {
            return management.getStreamInfo(stream).getStreamState().getMsgCount();
        } catch (Exception notYet) {
            return 0;
        }
    }

    @Test
    void anMdbThatFailsNowAndThenStillSeesEveryAggregateInOrder() throws Exception {
        int count = 2_000;
        app().post("events/nats/it.nats.flaky/envelopes?count=" + count + "&prefix=fl");

        app().awaitReceived("it.nats.flaky", count, Duration.ofSeconds(120));

        OrderCheck.assertCompleteAndOrdered(app().received("it.nats.flaky"), count);
        assertThat(Integer.parseInt(app().get("events/it.nats.flaky/failures"))).isPositive();
    }
    private static List<Integer> ackedIndexes(String response) {
        return Arrays.stream(response.split(" ")).skip(1).map(Integer::parseInt).toList();
    }
}
