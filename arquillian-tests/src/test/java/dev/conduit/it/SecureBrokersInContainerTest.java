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
 * The real RAR on Payara Micro against secured brokers: Kafka speaking only SASL_SSL with SCRAM users and ACLs,
 * and a nats-server accepting only TLS and one NKey user. Pools and MDBs get their secrets only as Payara password
 * aliases; publishes are acknowledged, the MDBs receive every event in order, and the secrets appear nowhere in
 * the server's output.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecureBrokersInContainerTest {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return TestApplicationArchive.create();
    }

    @Test
    void kafkaOverSaslSslWithScramAndPasswordAliases() throws Exception {
        roundTrip("kafka-secure", "it-secure-orders", "sec", InContainerEnvironment.KAFKA_PASSWORD);
    }

    @Test
    void natsOverTlsAsAnNKeyUserWithItsSeedAsAnAlias() throws Exception {
        roundTrip("nats-secure", "it.secure.orders", "ns", InContainerEnvironment.natsSeed());
    }

    private void roundTrip(String pool, String topic, String prefix, String secret) throws Exception {
        AppClient app = new AppClient(base);
        String[] published = app.post("events/" + pool + "/" + topic + "/envelopes?count=200&prefix=" + prefix)
                .split(" ");
        assertThat(published).as("publishes the secured broker acknowledged").hasSize(201);

        app.awaitReceived(topic, 200, Duration.ofSeconds(90));

        OrderCheck.assertCompleteAndOrdered(app.received(topic), 200);
        assertThat(InContainerEnvironment.serverOutput()).as("Payara's output").isNotEmpty()
                .doesNotContain(secret);
    }
}
