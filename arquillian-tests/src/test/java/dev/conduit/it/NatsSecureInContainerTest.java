package dev.conduit.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real RAR on Payara Micro against a nats-server that only accepts TLS and one NKey user: the pool and the
 * MDB authenticate with the user's seed, given to Payara only as a password alias.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NatsSecureInContainerTest {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return TestApplicationArchive.create();
    }

    @Test
    void roundTripOverTlsAsAnNKeyUser() throws Exception {
        AppClient app = new AppClient(base);
        String[] published = app.post("events/nats-secure/it.secure.orders/envelopes?count=200&prefix=ns")
                .split(" ");
        assertThat(published).as("publishes acknowledged by the TLS NATS server").hasSize(201);

        app.awaitReceived("it.secure.orders", 200, Duration.ofSeconds(90));

        OrderCheck.assertCompleteAndOrdered(app.received("it.secure.orders"), 200);
        assertThat(InContainerEnvironment.serverOutput()).as("Payara's log").doesNotContain(
                InContainerEnvironment.natsSeed());
    }
}
