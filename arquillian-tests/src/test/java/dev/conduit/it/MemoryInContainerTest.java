package dev.conduit.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real RAR on Payara Micro with transport=memory: an application tests its MDBs without a broker, through the
 * same injected factory, MDBs, ordering, retries and dead letters.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MemoryInContainerTest {

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
    void roundTripKeepsEveryAggregateInOrderThroughRetries() throws Exception {
        int count = 2_000;
        String[] published = app().post("events/memory/it-memory-roundtrip/envelopes?count=" + count
                + "&prefix=mem").split(" ");
        assertThat(published).hasSize(count + 1);

        app().awaitReceived("it-memory-roundtrip", count, Duration.ofSeconds(60));

        OrderCheck.assertCompleteAndOrdered(app().received("it-memory-roundtrip"), count);
        assertThat(Integer.parseInt(app().get("events/it-memory-roundtrip/failures"))).isPositive();
    }

    @Test
    void aPoisonEventGoesToTheInMemoryDeadLetterTopicAndTheRestFlows() throws Exception {
        app().post("events/memory/it-memory-poison/envelopes?count=10&from=0&prefix=ok");
        app().post("events/memory/it-memory-poison/envelopes?count=1&from=10&prefix=poison");
        app().post("events/memory/it-memory-poison/envelopes?count=10&from=11&prefix=ok");

        app().awaitReceived("it-memory-poison", 20, Duration.ofSeconds(60));
        app().awaitReceived("it-memory-poison.DLT", 1, Duration.ofSeconds(60));

        assertThat(app().received("it-memory-poison.DLT")).containsExactly("agg-0|poison-10|TestEvent");
        List<Integer> good = app().received("it-memory-poison").stream()
                .map(line -> Integer.parseInt(line.split("\\|")[1].substring("ok-".length()))).toList();
        assertThat(good).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(0, 20).filter(i -> i != 10)
                .boxed().toList());
        // Aggregate agg-0 went on after its poison, in order.
        assertThat(good.stream().filter(index -> index % 10 == 0).toList()).containsExactly(0, 20);
    }
}
