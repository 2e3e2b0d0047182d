package dev.conduit.transport.nats;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.nats.client.Connection;
import io.nats.client.Nats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.brokers.NatsCluster;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.outbound.ConduitManagedConnectionFactory;
import dev.conduit.testsupport.AdapterTest;
import dev.conduit.testsupport.Await;
import dev.conduit.testsupport.OrderChecker;
import dev.conduit.testsupport.SustainedScenario;

/**
 * Three routed nats-server nodes with JetStream, streams with 3 replicas: the leader of a stream is killed
 * (SIGKILL) while events are published and consumed, and started again later. Publishes that were on their way
 * fail (the old leader never answers) and the application retries them with the same event id, so the stream
 * stores each once; every acknowledged event must reach the MDB, every aggregate in order.
 */
class NatsClusterFailoverTest extends AdapterTest {

    private static NatsCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = NatsCluster.start(3);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void killingTheStreamLeaderMidStreamLosesNothingAndKeepsEveryAggregateInOrder() throws Exception {
        SustainedScenario scenario = new SustainedScenario(new SustainedScenario.Shape(3, 500, 30_000, 5_000, 8),
                "nfailover").expectingReplays().retryingUntilAcknowledged();
        OrderChecker checker = new OrderChecker(0.001, 0.001, Duration.ofMillis(20));
        ConduitActivationSpec spec = SustainedScenario.spec("nats", cluster.urls(), "nfailover");
        spec.setTopicConfig("*:replicas=3");
        spec.setAckWaitMs("5000");
        spec.setReconnectWaitMs("100");
        AtomicInteger killed = new AtomicInteger();
        scenario.runAndCheck(adapter, factory(), spec, checker, () -> {
            Await.until(() -> checker.delivered() >= 5_000, "5,000 deliveries before the kill");
            int leader = streamLeader("nfailover-0");
            killed.set(leader);
            cluster.kill(leader);
            Await.until(() -> checker.delivered() >= 15_000, Duration.ofSeconds(120),
                    "15,000 deliveries with a node down");
            cluster.restart(leader);
        }, "nats cluster of 3, the leader of stream nfailover-0 killed after 5,000 deliveries and restarted "
                + "after 15,000");
        System.out.println("FAILOVER nats: killed node " + killed.get() + ", publish retries "
                + scenario.publishRetries() + "; " + checker.summary());
    }

    private EventStreamConnectionFactory factory() throws Exception {
        ConduitManagedConnectionFactory mcf = new ConduitManagedConnectionFactory();
        mcf.setTransport("nats");
        mcf.setServers(cluster.urls());
        mcf.setTopicConfig("*:replicas=3");
        mcf.setPublishTimeoutMs("3000");
        mcf.setReconnectWaitMs("100");
        mcf.setResourceAdapter(adapter);
        return (EventStreamConnectionFactory) mcf.createConnectionFactory();
    }

    private static int streamLeader(String stream) throws Exception {
        try (Connection connection = Nats.connect(cluster.urls())) {
            return cluster.nodeNamed(connection.jetStreamManagement().getStreamInfo(stream).getClusterInfo()
                    .getLeader());
        }
    }
}
