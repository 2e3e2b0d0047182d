package dev.conduit.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.conduit.api.AdapterMetrics;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.api.InvalidTopicException;
import dev.conduit.brokers.NatsServer;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.testsupport.AdapterTest;
import dev.conduit.testsupport.SustainedScenario;
import dev.conduit.testsupport.TestEndpointFactory;

/**
 * What {@code factory.metrics()} reports after known traffic: publish outcomes per client and topic, an MDB's
 * consumed, failed and dead-lettered events, tagged with transport, topics and group; and never a secret.
 */
class AdapterMetricsTest extends AdapterTest {

    @Test
    void countsWhatWasPublishedAndConsumedPerTopicAndActivation() throws Exception {
        EventStreamConnectionFactory factory = SustainedScenario.factory(adapter, "memory", null);
        ConduitActivationSpec spec = SustainedScenario.spec("memory", null, "metrics-billing");
        spec.setTopics("metrics.orders");
        spec.setMaxAttempts("2");
        TestEndpointFactory mdb = new TestEndpointFactory(event -> {
            if (new String(event.payload(), StandardCharsets.UTF_8).equals("poison")) {
                throw new IllegalStateException("cannot bill this one");
            }
        });
        adapter.endpointActivation(mdb, spec);
        // Held open, as a pool holds its managed connections: the shared publisher lives while it is in use.
        EventStreamConnection connection = factory.getConnection();
        for (int i = 0; i < 4; i++) {
            connection.publish("metrics.orders", ("order " + i).getBytes(StandardCharsets.UTF_8));
        }
        connection.publish("metrics.orders", "poison".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 3; i++) {
            connection.publish("metrics.audit", new byte[1]);
        }
        assertThatThrownBy(() -> connection.publish(" ", new byte[1])).isInstanceOf(InvalidTopicException.class);

        // The counters move inside the delivery, the buffer empties when the worker has returned: wait for both.
        await(() -> activation(factory.metrics()).consumed() == 4 && activation(factory.metrics()).deadLettered() == 1
                && activation(factory.metrics()).buffered() == 0, "4 events consumed and the poison dead-lettered");
        AdapterMetrics metrics = factory.metrics();

        assertThat(metrics.publishers()).hasSize(1);
        AdapterMetrics.Publisher publisher = metrics.publishers().get(0);
        assertThat(publisher.transport()).isEqualTo("memory");
        assertThat(publisher.servers()).isEmpty();
        assertThat(publisher.totals().published()).isEqualTo(8);
        assertThat(publisher.totals().failed()).isZero();
        assertThat(publisher.totals().rejected()).isEqualTo(1);
        assertThat(publisher.totals().inFlight()).isZero();
        assertThat(publisher.topics()).containsExactly(new AdapterMetrics.TopicCounts("metrics.audit", 3, 0),
                new AdapterMetrics.TopicCounts("metrics.orders", 5, 0));

        AdapterMetrics.Activation activation = activation(metrics);
        assertThat(activation.transport()).isEqualTo("memory");
        assertThat(activation.topics()).containsExactly("metrics.orders");
        assertThat(activation.group()).isEqualTo("metrics-billing");
        assertThat(activation.consumed()).isEqualTo(4);
        assertThat(activation.failedAttempts()).as("two attempts of the poison").isEqualTo(2);
        assertThat(activation.deadLettered()).isEqualTo(1);
        assertThat(activation.ignored()).isZero();
        assertThat(activation.buffered()).isZero();
        assertThat(activation.mode()).isIn("CATCH_UP", "NORMAL");

        adapter.endpointDeactivation(mdb, spec);
        assertThat(factory.metrics().activations()).as("a deactivated MDB is no longer reported").isEmpty();
        connection.close();
    }

    @Test
    void credentialsInServerUrlsAppearNowhere() throws Exception {
        String password = "metrics-s3cret";
        try (NatsServer nats = NatsServer.start(List.of("authorization { user: alice, password: " + password
                + " }"))) {
            String servers = "nats://alice:" + password + "@127.0.0.1:" + nats.port();
            EventStreamConnectionFactory factory = SustainedScenario.factory(adapter, "nats", servers);
            ConduitActivationSpec spec = SustainedScenario.spec("nats", servers, "metrics-secret");
            spec.setTopics("metrics.secret");
            TestEndpointFactory mdb = new TestEndpointFactory(event -> { });
            adapter.endpointActivation(mdb, spec);
            EventStreamConnection connection = factory.getConnection();
            connection.publish("metrics.secret", new byte[1]);
            await(() -> activation(factory.metrics()).consumed() == 1, "the event consumed");

            AdapterMetrics metrics = factory.metrics();
            assertThat(metrics.publishers()).singleElement().satisfies(publisher -> {
                assertThat(publisher.servers()).isEqualTo(nats.url());
                assertThat(publisher.clientId()).isEqualTo("conduit");
                assertThat(publisher.totals().published()).isEqualTo(1);
            });
            assertThat(metrics.toString()).doesNotContain(password).doesNotContain("alice");
            assertThat(factory.health().toString()).contains(nats.url()).doesNotContain(password);
            adapter.endpointDeactivation(mdb, spec);
            connection.close();
        }
    }

    private static AdapterMetrics.Activation activation(AdapterMetrics metrics) {
        return metrics.activations().stream().findFirst()
                .orElseThrow(() -> new AssertionError("no activation in " + metrics));
    }
}
