package dev.conduit.transport.kafka;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.conduit.brokers.KafkaCluster;
import dev.conduit.testsupport.AdapterTest;
import dev.conduit.testsupport.Await;
import dev.conduit.testsupport.OrderChecker;
import dev.conduit.testsupport.SustainedScenario;

/**
 * Three KRaft brokers (replication factor 3, min.insync.replicas=2): the leader of a partition is killed
 * (SIGKILL) while events are published and consumed, and started again later. Every acknowledged event must
 * arrive, every aggregate in order; redeliveries are counted, not failed.
 */
class KafkaClusterFailoverTest extends AdapterTest {

    private static KafkaCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = KafkaCluster.start(3, 4);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void killingAPartitionLeaderMidStreamLosesNothingAndKeepsEveryAggregateInOrder() throws Exception {
        SustainedScenario scenario = new SustainedScenario(new SustainedScenario.Shape(3, 500, 30_000, 5_000, 8),
                "failover").expectingReplays();
        OrderChecker checker = new OrderChecker(0.001, 0.001, Duration.ofMillis(20));
        AtomicInteger killed = new AtomicInteger();
        scenario.runAndCheck(adapter, SustainedScenario.factory(adapter, "kafka", cluster.bootstrapServers()),
                SustainedScenario.spec("kafka", cluster.bootstrapServers(), "failover"), checker, () -> {
                    Await.until(() -> checker.delivered() >= 5_000, "5,000 deliveries before the kill");
                    int leader = cluster.leaderOf("failover-0", 0);
                    killed.set(leader);
                    cluster.kill(leader);
                    Await.until(() -> checker.delivered() >= 15_000, Duration.ofSeconds(90),
                            "15,000 deliveries with a broker down");
                    cluster.restart(leader);
                }, "kafka cluster of 3, the leader of failover-0/0 killed after 5,000 deliveries and restarted "
                        + "after 15,000");
        System.out.println("FAILOVER kafka: killed node " + killed.get() + "; " + checker.summary());
    }
}
