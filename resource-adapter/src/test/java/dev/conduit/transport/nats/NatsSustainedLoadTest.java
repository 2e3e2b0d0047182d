package dev.conduit.transport.nats;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.outbound.ConduitManagedConnectionFactory;
import dev.conduit.testsupport.OrderChecker;
import dev.conduit.testsupport.RealNatsAdapterTest;
import dev.conduit.testsupport.SustainedScenario;

/** The users' shape on a real nats-server: several topics, publishing while consuming, a server that freezes. */
class NatsSustainedLoadTest extends RealNatsAdapterTest {

    @Test
    void fiveTopicsUnderSustainedLoadWhileTheServerFreezes() throws Exception {
        SustainedScenario scenario = new SustainedScenario(SustainedScenario.USERS, "sustained");
        ConduitManagedConnectionFactory mcf = new ConduitManagedConnectionFactory();
        mcf.setTransport("nats");
        mcf.setServers(nats.url());
        mcf.setResourceAdapter(adapter);
        ConduitActivationSpec spec = new ConduitActivationSpec();
        spec.setTransport("nats");
        spec.setServers(nats.url());
        spec.setGroupId("sustained");
        spec.setRetryBackoffMs("10");
        OrderChecker checker = new OrderChecker(0.002, 0.001, Duration.ofMillis(50));

        scenario.runAndCheck(adapter, (EventStreamConnectionFactory) mcf.createConnectionFactory(), spec, checker,
                () -> {
                    for (int i = 0; i < 6; i++) {
                        Thread.sleep(600);
                        nats.freeze(Duration.ofMillis(400));
                    }
                    Thread.sleep(1_000);
                    nats.freeze(Duration.ofSeconds(3));
                }, "nats, server frozen 6 x 400 ms then 3 s");
    }
}
