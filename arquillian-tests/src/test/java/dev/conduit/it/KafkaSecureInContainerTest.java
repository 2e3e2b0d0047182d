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
 * The real RAR on Payara Micro against a Kafka broker that only speaks SASL_SSL and enforces ACLs: the pool's
 * and the MDB's password are a Payara password alias; publish and consume go through both, and the password
 * appears nowhere in the server's output.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class KafkaSecureInContainerTest {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return TestApplicationArchive.create();
    }

    @Test
    void roundTripOverSaslSslWithScramAndAPasswordAlias() throws Exception {
        AppClient app = new AppClient(base);
        String[] published = app.post("events/kafka-secure/it-secure-orders/envelopes?count=200&prefix=sec")
                .split(" ");
        assertThat(published).as("publishes acknowledged by the SASL_SSL broker").hasSize(201);

        app.awaitReceived("it-secure-orders", 200, Duration.ofSeconds(90));

        OrderCheck.assertCompleteAndOrdered(app.received("it-secure-orders"), 200);
        assertThat(InContainerEnvironment.serverOutput()).as("Payara's log").isNotEmpty()
                .doesNotContain(InContainerEnvironment.KAFKA_PASSWORD);
    }
}
