package dev.conduit.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.api.EventStreamException;
import dev.conduit.brokers.EmbeddedKafka;
import dev.conduit.brokers.TestCertificates;
import dev.conduit.inbound.ActivationStatus;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.outbound.ConduitManagedConnectionFactory;
import dev.conduit.testsupport.AdapterTest;
import dev.conduit.testsupport.Await;
import dev.conduit.testsupport.Configs;
import dev.conduit.testsupport.LogCapture;
import dev.conduit.testsupport.TestEndpointFactory;

/**
 * Kafka with SASL over TLS on a real KRaft broker that enforces ACLs: SCRAM and PLAIN users, PKCS12 and PEM trust,
 * and the failures users meet (wrong password, untrusted certificate, missing ACL), each fast and saying what to
 * fix, and never showing a password anywhere.
 */
class KafkaSecurityTest extends AdapterTest {

    private static final String PASSWORD = "alice-s3cret-pw";
    private static final String WRONG_PASSWORD = "not-alice-pw-9";
    private static TestCertificates certificates;
    private static EmbeddedKafka kafka;
    private static LogCapture logs;

    @BeforeAll
    static void startSecureBroker() {
        logs = LogCapture.start();
        certificates = TestCertificates.generate();
        kafka = EmbeddedKafka.startSecure(certificates, Map.of("alice", PASSWORD));
        kafka.grantAll("alice", "secure.", "secure-");
        kafka.grantAll("CN=conduit-test-client", "mtls.", "mtls-");
    }

    @AfterAll
    static void stopBrokerAndCheckTheLogs() {
        kafka.close();
        logs.close();
        assertThat(logs.text()).as("everything logged while the tests ran").isNotEmpty()
                .doesNotContain(PASSWORD).doesNotContain(WRONG_PASSWORD);
    }

    @ParameterizedTest(name = "{0} with a {1} trust store")
    @CsvSource({"SCRAM-SHA-512, p12", "SCRAM-SHA-256, pem", "PLAIN, p12"})
    void publishesAndConsumesOverSaslSsl(String mechanism, String trust) throws Exception {
        String topic = "secure." + mechanism.toLowerCase() + "." + trust;
        String truststore = trust.equals("pem") ? certificates.caPem().toString()
                : certificates.truststore().toString();
        EventStreamConnectionFactory factory = factory(mechanism, PASSWORD, truststore);
        try (EventStreamConnection connection = factory.getConnection()) {
            for (int i = 0; i < 20; i++) {
                connection.publish(topic, "k" + (i % 3), ("e" + i).getBytes(StandardCharsets.UTF_8));
            }
        }
        Queue<String> received = new ConcurrentLinkedQueue<>();
        ConduitActivationSpec spec = spec(mechanism, PASSWORD, truststore, topic, "secure-" + mechanism + trust);
        TestEndpointFactory mdb = new TestEndpointFactory(event -> received.add(text(event)));
        adapter.endpointActivation(mdb, spec);
        Await.until(() -> received.size() >= 20, "20 events over SASL_SSL");
        adapter.endpointDeactivation(mdb, spec);
        assertThat(received).hasSize(20);
    }

    @Test
    void mutualTlsWithAClientCertificateFromTheKeyStore() throws Exception {
        ConduitManagedConnectionFactory mcf = new ConduitManagedConnectionFactory();
        mcf.setTransport("kafka");
        mcf.setServers(kafka.mutualTlsBootstrapServers());
        mcf.setTlsTruststore(certificates.caPem().toString());
        mcf.setTlsKeystore(certificates.clientKeystore().toString());
        mcf.setTlsKeystorePassword(TestCertificates.PASSWORD);
        mcf.setPublishTimeoutMs("10000");
        mcf.setResourceAdapter(adapter);
        try (EventStreamConnection connection = ((EventStreamConnectionFactory) mcf.createConnectionFactory())
                .getConnection()) {
            assertThat(connection.publish("mtls.orders", new byte[1]).topic()).isEqualTo("mtls.orders");
        }

        ConduitManagedConnectionFactory withoutCertificate = new ConduitManagedConnectionFactory();
        withoutCertificate.setTransport("kafka");
        withoutCertificate.setServers(kafka.mutualTlsBootstrapServers());
        withoutCertificate.setTlsTruststore(certificates.caPem().toString());
        withoutCertificate.setPublishTimeoutMs("10000");
        withoutCertificate.setResourceAdapter(adapter);
        try (EventStreamConnection connection = ((EventStreamConnectionFactory) withoutCertificate
                .createConnectionFactory()).getConnection()) {
            assertThatThrownBy(() -> connection.publish("mtls.orders", new byte[1]))
                    .isInstanceOf(EventStreamException.class)
                    .hasMessageContaining("the TLS handshake with Kafka failed");
        }
    }

    @Test
    void aWrongPasswordFailsFastSayingWhichPropertiesToCheck() throws Exception {
        EventStreamConnectionFactory factory = factory("SCRAM-SHA-512", WRONG_PASSWORD,
                certificates.truststore().toString());
        long start = System.nanoTime();
        try (EventStreamConnection connection = factory.getConnection()) {
            assertThatThrownBy(() -> connection.publish("secure.wrong", new byte[1]))
                    .isInstanceOf(EventStreamException.class)
                    .hasMessageContaining("Kafka refused to authenticate user 'alice' (SCRAM-SHA-512)")
                    .hasMessageContaining("check saslMechanism, saslUsername and saslPassword")
                    .hasMessageNotContaining(WRONG_PASSWORD);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));

        ConduitActivationSpec spec = spec("SCRAM-SHA-512", WRONG_PASSWORD, certificates.truststore().toString(),
                "secure.wrong", "secure-wrong");
        adapter.endpointActivation(new TestEndpointFactory(event -> { }), spec);
        Await.until(() -> !status("secure-wrong").healthy(), Duration.ofSeconds(20), "the activation failing");
        assertThat(status("secure-wrong").failure()).contains("Kafka refused to authenticate user 'alice'")
                .doesNotContain(WRONG_PASSWORD);
    }

    @Test
    void anUntrustedBrokerCertificateFailsFastNamingTheTrustStore() throws Exception {
        TestCertificates strangers = TestCertificates.generate();
        EventStreamConnectionFactory factory = factory("SCRAM-SHA-512", PASSWORD, strangers.truststore().toString());
        long start = System.nanoTime();
        try (EventStreamConnection connection = factory.getConnection()) {
            assertThatThrownBy(() -> connection.publish("secure.untrusted", new byte[1]))
                    .isInstanceOf(EventStreamException.class)
                    .hasMessageContaining("the TLS handshake with Kafka failed")
                    .hasMessageContaining("set tlsTruststore");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aTopicTheUserMayNotUseFailsNamingTheTopicAndTheAcl() throws Exception {
        EventStreamConnectionFactory factory = factory("SCRAM-SHA-512", PASSWORD,
                certificates.truststore().toString());
        try (EventStreamConnection connection = factory.getConnection()) {
            assertThatThrownBy(() -> connection.publish("forbidden.orders", new byte[1]))
                    .isInstanceOf(EventStreamException.class)
                    .hasMessageContaining("Kafka denied user 'alice' (SCRAM-SHA-512)")
                    .hasMessageContaining("forbidden.orders").hasMessageContaining("(ACL)");
            // The same connection keeps working for the topics the user may write.
            connection.publish("secure.allowed", new byte[1]);
        }

        ConduitActivationSpec spec = spec("SCRAM-SHA-512", PASSWORD, certificates.truststore().toString(),
                "secure.allowed", "not-granted-group");
        adapter.endpointActivation(new TestEndpointFactory(event -> { }), spec);
        Await.until(() -> !status("not-granted-group").healthy(), Duration.ofSeconds(30), "the activation failing");
        assertThat(status("not-granted-group").failure()).contains("Kafka denied user 'alice'")
                .contains("not-granted-group");
    }

    @Test
    void incompleteOrConflictingSecuritySettingsFailAtDeployment() {
        assertThatThrownBy(() -> Configs.outbound("transport", "kafka", "servers", "h:1", "saslMechanism", "PLAIN",
                "saslUsername", "alice"))
                .hasMessageContaining("property 'saslMechanism' = 'PLAIN' needs both 'saslUsername' and "
                        + "'saslPassword'");
        assertThatThrownBy(() -> Configs.outbound("transport", "kafka", "servers", "h:1", "saslUsername", "alice",
                "saslPassword", PASSWORD))
                .hasMessageContaining("'saslMechanism' is not; set it").hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> Configs.outbound("transport", "kafka", "servers", "h:1", "tls", "true",
                "kafkaProperties", "security.protocol=SSL"))
                .hasMessageContaining("sets 'security.protocol', which the tls*/sasl* properties set");
        assertThatThrownBy(() -> Configs.outbound("transport", "kafka", "servers", "h:1", "tlsTruststore",
                "/no/such/truststore.p12"))
                .hasMessageContaining("property 'tlsTruststore' = '/no/such/truststore.p12' is not a readable file");
    }

    private EventStreamConnectionFactory factory(String mechanism, String password, String truststore)
            throws Exception {
        ConduitManagedConnectionFactory mcf = new ConduitManagedConnectionFactory();
        mcf.setTransport("kafka");
        mcf.setServers(kafka.bootstrapServers());
        mcf.setSaslMechanism(mechanism);
        mcf.setSaslUsername("alice");
        mcf.setSaslPassword(password);
        mcf.setTlsTruststore(truststore);
        mcf.setTlsTruststorePassword(truststore.endsWith(".pem") ? null : TestCertificates.PASSWORD);
        mcf.setPublishTimeoutMs("10000");
        mcf.setResourceAdapter(adapter);
        return (EventStreamConnectionFactory) mcf.createConnectionFactory();
    }

    private static ConduitActivationSpec spec(String mechanism, String password, String truststore, String topic,
                                              String group) {
        ConduitActivationSpec spec = new ConduitActivationSpec();
        spec.setTransport("kafka");
        spec.setServers(kafka.bootstrapServers());
        spec.setTopics(topic);
        spec.setGroupId(group);
        spec.setSaslMechanism(mechanism);
        spec.setSaslUsername("alice");
        spec.setSaslPassword(password);
        spec.setTlsTruststore(truststore);
        spec.setTlsTruststorePassword(truststore.endsWith(".pem") ? null : TestCertificates.PASSWORD);
        return spec;
    }

    private ActivationStatus status(String group) {
        return adapter.activationStatus().stream().filter(s -> s.description().contains(" group " + group + " "))
                .findFirst().orElseThrow();
    }
}
