package dev.conduit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.conduit.api.PublishTracing;
import dev.conduit.facade.tracing.TelemetryPublishTracing;
import dev.conduit.it.tracing.TracedResource;

/**
 * MicroProfile Telemetry on Payara Micro: a JAX-RS request, traced by the server, publishes an envelope through a
 * pooled factory (no tracing code in the application); the MDB (with the facade's interceptor) runs in a span of
 * the same trace whose parent is the producer span the publish created, whose context came over the broker in
 * the {@code traceparent} header. Kafka and NATS.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TracingInContainerTest {

    private static final String CONFIG = "META-INF/microprofile-config.properties";

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        WebArchive war = TestApplicationArchive.create()
                .addPackage(TracedResource.class.getPackage())
                .addPackage(TelemetryPublishTracing.class.getPackage())
                // What the facade's jar registers: the adapter finds the application's publish tracing through it.
                .addAsResource("META-INF/services/" + PublishTracing.class.getName());
        war.delete("WEB-INF/classes/" + CONFIG);
        // MicroProfile Telemetry leaves the SDK off unless the application (or the server) turns it on; no exporter:
        // the spans are checked inside the application.
        return war.addAsResource(new StringAsset("conduit.health.factories=conduit/kafka,conduit/nats\n"
                + "otel.sdk.disabled=false\notel.traces.exporter=none\notel.metrics.exporter=none\n"
                + "otel.logs.exporter=none\n"), CONFIG);
    }

    @Test
    void aTracedRequestsPublishContinuesInTheKafkaMdb() throws Exception {
        assertTraceContinues("kafka", "it-traced");
    }

    @Test
    void aTracedRequestsPublishContinuesInTheNatsMdb() throws Exception {
        assertTraceContinues("nats", "it.nats.traced");
    }

    private void assertTraceContinues(String transport, String topic) throws Exception {
        AppClient app = new AppClient(base);
        String[] request = app.post("traced/" + transport + "/" + topic).split(" ");
        String requestTrace = request[0];
        String requestSpan = request[1];
        assertThat(requestTrace).as("the server traces the JAX-RS request (MicroProfile Telemetry enabled)")
                .matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));

        String delivered = await("the " + transport + " MDB ran").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200)).until(() -> app.get("traced/" + topic), body -> !body.isEmpty());
        System.out.println("TRACE " + transport + ": request " + requestTrace + "/" + requestSpan + ", in the MDB "
                + delivered);
        String[] seen = delivered.split(" ");
        String consumerTrace = seen[0];
        String consumerSpan = seen[1];
        String consumerParent = seen[2];
        String[] wire = seen[3].split("-");
        String producerSpan = wire[2];

        assertThat(consumerTrace).as("the MDB's span is in the request's trace").isEqualTo(requestTrace);
        assertThat(wire[1]).as("traceparent on the wire: the request's trace").isEqualTo(requestTrace);
        assertThat(producerSpan).as("a producer span of its own between request and MDB")
                .isNotEqualTo(requestSpan).isNotEqualTo(consumerSpan);
        assertThat(consumerParent).as("the MDB's span is a child of the producer span").isEqualTo(producerSpan);
        assertThat(delivered.split("\n")).as("one delivery").hasSize(1);
    }
}
