package dev.conduit.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.conduit.api.AdapterHealth;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.api.IncomingEvent;
import dev.conduit.brokers.KafkaCluster;
import dev.conduit.brokers.NatsServer;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.testsupport.AdapterTest;
import dev.conduit.testsupport.Await;
import dev.conduit.testsupport.SustainedScenario;
import dev.conduit.testsupport.TestEndpointFactory;

/**
 * The adapter's health as a readiness check sees it, on real brokers that go away and come back: every
 * publishing client and activation is up while its broker is, down (saying why) while it is not, and up again.
 */
class AdapterHealthTest extends AdapterTest {

    @Test
    void natsClientsAndActivationsGoDownWithTheServerAndUpWhenItIsBack() throws Exception {
        try (NatsServer nats = NatsServer.start()) {
            EventStreamConnectionFactory factory = SustainedScenario.factory(adapter, "nats", nats.url());
            ConduitActivationSpec spec = SustainedScenario.spec("nats", nats.url(), "health");
            spec.setReconnectWaitMs("100");
            checkDownAndUp(factory, spec, nats::kill, nats::startAgain);
        }
    }

    @Test
    void kafkaClientsAndActivationsGoDownWithTheBrokerAndUpWhenItIsBack() throws Exception {
        try (KafkaCluster kafka = KafkaCluster.start(1, 1)) {
            EventStreamConnectionFactory factory = SustainedScenario.factory(adapter, "kafka",
                    kafka.bootstrapServers());
            ConduitActivationSpec spec = SustainedScenario.spec("kafka", kafka.bootstrapServers(), "health");
            checkDownAndUp(factory, spec, () -> kafka.kill(1), () -> kafka.restart(1));
        }
    }

    @Test
    void anActivationWhoseLongRunningThreadsTheContainerDoesNotStartIsNotReadyAndSaysHowToFixIt() throws Exception {
        // As on a server whose WorkManager pool is taken by other activations: Work is queued, not refused.
        context.threadWorkManager().limitThreads(0);
        EventStreamConnectionFactory factory = SustainedScenario.factory(adapter, "memory", null);
        ConduitActivationSpec spec = SustainedScenario.spec("memory", null, "starved");
        spec.setTopics("starved");
        spec.setConcurrency("2");
        List<IncomingEvent> received = new CopyOnWriteArrayList<>();
        TestEndpointFactory mdb = new TestEndpointFactory(received::add);
        adapter.endpointActivation(mdb, spec);
        try (EventStreamConnection connection = factory.getConnection()) {
            connection.publish("starved", new byte[1]);
        }

        AdapterHealth waiting = factory.health();
        assertThat(waiting.up()).isFalse();
        assertThat(waiting.checks()).filteredOn(check -> !check.up()).singleElement()
                .satisfies(check -> assertThat(check.detail()).startsWith("waiting for 3 of its 3 threads to start: "
                        + "the server's WorkManager has no free thread for them").contains("core-threads"));
        assertThat(received).isEmpty();
        assertThat(context.threadWorkManager().longRunning()).as("every Work marked long-running").isEqualTo(3);

        context.threadWorkManager().limitThreads(Integer.MAX_VALUE);
        Await.until(() -> factory.health().up() && received.size() == 1, "threads started, the event delivered");
        adapter.endpointDeactivation(mdb, spec);
    }

    private void checkDownAndUp(EventStreamConnectionFactory factory, ConduitActivationSpec spec, Runnable stop,
                                Runnable start) throws Exception {
        spec.setTopics("health.events");
        // Held open, as a pool holds its managed connections: the shared publisher lives while it is in use.
        EventStreamConnection connection = factory.getConnection();
        connection.publish("health.events", new byte[1]);
        TestEndpointFactory mdb = new TestEndpointFactory(event -> { });
        adapter.endpointActivation(mdb, spec);
        Await.until(() -> factory.health().up(), "everything up");
        AdapterHealth up = factory.health();
        assertThat(up.checks()).hasSize(2).allMatch(AdapterHealth.Check::up);

        stop.run();
        Await.until(() -> factory.health().checks().stream().noneMatch(AdapterHealth.Check::up),
                Duration.ofSeconds(30), "publisher and activation down");
        AdapterHealth down = factory.health();
        assertThat(down.up()).isFalse();
        assertThat(down.live()).as("a broker that is away is not a reason to restart the server").isTrue();
        assertThat(down.checks()).extracting(AdapterHealth.Check::detail)
                .contains("cannot reach the brokers", "not connected to its brokers (reconnecting)");

        start.run();
        Await.until(() -> factory.health().up(), Duration.ofSeconds(60), "everything up again");
        adapter.endpointDeactivation(mdb, spec);
        connection.close();
    }
}
