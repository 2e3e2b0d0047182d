package dev.conduit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server's MicroProfile Health endpoint with the facade's checks (Payara Micro's here, WildFly's management
 * interface in {@code HealthOnWildFlyTest}): /health/ready is UP while the brokers are, DOWN (naming the NATS client
 * and MDBs, and no secret) while the NATS server is gone, and UP again once it is back.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthInContainerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return TestApplicationArchive.create();
    }

    @Test
    void readinessFollowsTheNatsServer() throws Exception {
        // The NATS pool has a client once something published through it.
        new AppClient(base).post("events/nats/it.nats.health/envelopes?count=1&prefix=h");
        await("ready").atMost(Duration.ofSeconds(60)).until(() -> ready().statusCode() == 200);
        assertThat(ready().body()).contains("\"conduit\"").contains("UP");

        InContainerEnvironment.nats().kill();
        try {
            await("not ready while NATS is down").atMost(Duration.ofSeconds(30)).until(() -> ready().statusCode()
                    == 503);
            String down = ready().body();
            assertThat(down).contains("DOWN").contains("publisher nats").contains("not connected to its brokers");
            assertThat(down).as("no secret of the secured brokers' pools and MDBs")
                    .doesNotContain(InContainerEnvironment.KAFKA_PASSWORD)
                    .doesNotContain(InContainerEnvironment.natsSeed());
            assertThat(live().statusCode()).as("liveness: a broker away is not a reason to restart").isEqualTo(200);
        } finally {
            InContainerEnvironment.nats().startAgain();
        }
        await("ready again").atMost(Duration.ofSeconds(60)).until(() -> ready().statusCode() == 200);
    }

    private HttpResponse<String> ready() throws Exception {
        return get("/health/ready");
    }

    private HttpResponse<String> live() throws Exception {
        return get("/health/live");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(healthEndpoint(path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Where the server serves MicroProfile Health: Payara Micro on its HTTP port, beside the application. */
    URI healthEndpoint(String path) throws Exception {
        return new URI(base.getProtocol(), null, base.getHost(), base.getPort(), path, null, null);
    }
}
