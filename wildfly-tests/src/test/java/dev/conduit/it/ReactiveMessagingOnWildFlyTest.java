package dev.conduit.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.conduit.it.rm.MessagingApplication;
import dev.conduit.it.rm.Orders;
import dev.conduit.it.rm.OrdersResource;

/**
 * The MicroProfile Reactive Messaging connector {@code conduit} in WildFly's own SmallRye Reactive Messaging: a WAR
 * with the connector and its clients in WEB-INF/lib (no RAR involved, no dependency on it) publishes through an
 * {@code Emitter} per transport and consumes the same topic through an incoming conduit channel processed
 * concurrently ({@code @Blocking(ordered = false)}). Nothing may be lost, every send acked, each aggregate in order.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReactiveMessagingOnWildFlyTest {

    private static final int COUNT = 2_000;
    private static final int AGGREGATES = 50;

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        File[] libs = new File(System.getProperty("conduit.rm.libs")).listFiles((dir, name) -> name.endsWith(".jar"));
        assertThat(libs).as("the connector's jars in conduit.rm.libs").isNotEmpty();
        return ShrinkWrap.create(WebArchive.class, "conduit-rm.war")
                .addClasses(MessagingApplication.class, Orders.class, OrdersResource.class)
                .addAsLibraries(libs)
                .addAsResource(new StringAsset(channels("kafka") + channels("nats")),
                        "META-INF/microprofile-config.properties")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    /** One outgoing and one incoming channel on the same topic; the brokers are the server's system properties. */
    private static String channels(String transport) {
        String topic = "rm-wildfly-" + transport;
        String out = "mp.messaging.outgoing." + transport + "-out.";
        String in = "mp.messaging.incoming." + transport + "-in.";
        return String.join("\n",
                out + "connector=conduit",
                out + "transport=" + transport,
                out + "servers=${conduit." + transport + ".servers}",
                out + "topic=" + topic,
                in + "connector=conduit",
                in + "transport=" + transport,
                in + "servers=${conduit." + transport + ".servers}",
                in + "topics=" + topic,
                in + "groupId=rm-wildfly",
                in + "max-concurrency=8",
                "");
    }

    @Test
    void kafkaEmitterToIncomingChannelLosesNothingAndKeepsAggregateOrder() throws Exception {
        roundTrip("kafka");
    }

    @Test
    void natsEmitterToIncomingChannelLosesNothingAndKeepsAggregateOrder() throws Exception {
        roundTrip("nats");
    }

    private void roundTrip(String transport) throws Exception {
        AppClient app = new AppClient(base);
        long start = System.nanoTime();
        String[] acks = app.post("events/" + transport + "/publish?count=" + COUNT + "&aggregates=" + AGGREGATES)
                .split(" ");
        assertThat(Integer.parseInt(acks[0])).as("sends acked").isEqualTo(COUNT);
        assertThat(Integer.parseInt(acks[1])).as("sends nacked").isZero();

        app.awaitReceived(transport, COUNT, Duration.ofSeconds(120));
        long totalMillis = (System.nanoTime() - start) / 1_000_000;
        List<String> lines = app.received(transport);

        Set<Integer> seen = new HashSet<>();
        Map<String, Integer> lastIndex = new HashMap<>();
        int duplicates = 0;
        int outOfOrder = 0;
        for (String line : lines) {
            String[] fields = line.split("\\|");
            int index = Integer.parseInt(fields[1]);
            assertThat(fields[0]).isEqualTo("agg-" + index % AGGREGATES);
            if (!seen.add(index)) {
                duplicates++;
                continue;
            }
            if (index < lastIndex.getOrDefault(fields[0], -1)) {
                outOfOrder++;
            }
            lastIndex.put(fields[0], index);
        }
        int lost = COUNT - seen.size();
        String[] stats = app.get("events/stats").split(" ");
        System.out.printf("RM WILDFLY %s: %d envelopes over %d aggregates, %d acked (publish %s ms), all consumed "
                + "after %d ms; lost %d, duplicates %d, out of order %d, concurrent per aggregate %s, up to %s in the "
                + "method at once%n", transport, COUNT, AGGREGATES, Integer.parseInt(acks[0]), acks[2], totalMillis,
                lost, duplicates, outOfOrder, stats[1], stats[0]);
        assertThat(lost).as("lost").isZero();
        assertThat(outOfOrder).as("out of order within an aggregate").isZero();
        assertThat(duplicates).as("duplicates").isZero();
        assertThat(Integer.parseInt(stats[1])).as("two messages of one aggregate in the method at once").isZero();
    }
}
