package dev.conduit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.conduit.api.PublishTracing;
import dev.conduit.facade.tracing.TelemetryPublishTracing;
import dev.conduit.it.tracing.TracedResource;

/**
 * The same traced application on Payara Micro with MicroProfile Telemetry left off (the default): publishing and
 * consuming work as without the facade's tracing, no trace context is made up, and nothing is logged about it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TracingOffInContainerTest {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return TestApplicationArchive.create()
                .addPackage(TracedResource.class.getPackage())
                .addPackage(TelemetryPublishTracing.class.getPackage())
                .addAsResource("META-INF/services/" + PublishTracing.class.getName());
    }

    @Test
    void withTheSdkOffEventsFlowUntraced() throws Exception {
        AppClient app = new AppClient(base);
        String[] request = app.post("traced/kafka/it-traced").split(" ");
        assertThat(request[0]).as("the server does not trace the request").isEqualTo("0".repeat(32));

        String delivered = await("the MDB ran").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> app.get("traced/it-traced"), body -> !body.isEmpty());
        System.out.println("TRACE off: in the MDB " + delivered);
        String[] seen = delivered.split(" ");
        assertThat(seen[0]).as("no span in the MDB").isEqualTo("0".repeat(32));
        assertThat(seen[3]).as("no traceparent on the wire").isEqualTo("null");
        assertThat(InContainerEnvironment.serverOutput()).doesNotContain("PublishTracing failed");
    }
}
