package dev.conduit.transport.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.nats.client.NKey;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.api.EventStreamException;
import dev.conduit.api.PublishException;
import dev.conduit.brokers.NatsOperator;
import dev.conduit.brokers.NatsServer;
import dev.conduit.brokers.TestCertificates;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.outbound.ConduitManagedConnectionFactory;
import dev.conduit.testsupport.AdapterTest;
import dev.conduit.testsupport.Await;
import dev.conduit.testsupport.Configs;
import dev.conduit.testsupport.LogCapture;
import dev.conduit.testsupport.TestEndpointFactory;

/**
 * NATS with TLS everywhere and real users on a real nats-server: an NKey user, password users with publish and
 * subscribe permissions; and the failures users meet, each saying what to fix and never showing a secret.
 */
class NatsSecurityTest extends AdapterTest {

    private static final String PASSWORD = "alice-pw-77";
    private static TestCertificates certificates;
    private static NatsServer nats;
    private static String seed;
    private static LogCapture logs;

    @BeforeAll
    static void startSecureServer() throws Exception {
        logs = LogCapture.start();
        certificates = TestCertificates.generate();
        NKey user = NKey.createUser(new SecureRandom());
        seed = new String(user.getSeed());
        nats = NatsServer.start(List.of(
                "tls {",
                "  cert_file: \"" + certificates.serverCertPem() + "\"",
                "  key_file: \"" + certificates.serverKeyPem() + "\"",
                "  ca_file: \"" + certificates.caPem() + "\"",
                "  timeout: 5",
                "}",
                "authorization {",
                "  users = [",
                "    { nkey: \"" + new String(user.getPublicKey()) + "\" }",
                "    { user: \"alice\", password: \"" + PASSWORD + "\" }",
                "    { user: \"limited\", password: \"" + PASSWORD + "\", permissions: { publish: { deny: "
                        + "[\"forbidden.>\"] } } }",
                "    { user: \"nosub\", password: \"" + PASSWORD + "\", permissions: { subscribe: { deny: "
                        + "[\"_INBOX.>\"] } } }",
                "  ]",
                "}"));
    }

    @AfterAll
    static void stopServerAndCheckTheLogs() {
        nats.close();
        logs.close();
        assertThat(logs.text()).as("everything logged while the tests ran").isNotEmpty()
                .doesNotContain(PASSWORD).doesNotContain(seed);
    }

    @Test
    void anNKeyUserPublishesAndConsumesOverTls() throws Exception {
        EventStreamConnectionFactory factory = factory("natsNkeySeed", seed);
        try (EventStreamConnection connection = factory.getConnection()) {
            for (int i = 0; i < 20; i++) {
                connection.publish("secure.orders", ("e" + i).getBytes());
            }
        }
        Queue<String> received = new ConcurrentLinkedQueue<>();
        ConduitActivationSpec spec = spec("secure.orders", "secure-billing", "natsNkeySeed", seed);
        TestEndpointFactory mdb = new TestEndpointFactory(event -> received.add(text(event)));
        adapter.endpointActivation(mdb, spec);
        Await.until(() -> received.size() >= 20, "20 events over TLS as an NKey user");
        adapter.endpointDeactivation(mdb, spec);
        assertThat(received).hasSize(20);
    }

    @Test
    void refusedCredentialsFailNamingTheProperties() throws Exception {
        String stranger = new String(NKey.createUser(new SecureRandom()).getSeed());
        for (EventStreamConnectionFactory factory : List.of(factory("natsUsername", "alice", "natsPassword",
                "wrong-pw-3"), factory("natsNkeySeed", stranger))) {
            assertThatThrownBy(factory::getConnection).isInstanceOf(EventStreamException.class)
                    .hasMessageContaining("the server refused the credentials (Authorization Violation)")
                    .hasMessageContaining("natsNkeySeed or natsCredsFile")
                    .hasMessageNotContaining("wrong-pw-3").hasMessageNotContaining(stranger);
        }
    }

    @Test
    void anUntrustedServerCertificateOrNoTlsFailNamingWhatToSet() throws Exception {
        TestCertificates strangers = TestCertificates.generate();
        ConduitManagedConnectionFactory untrusted = mcf("natsUsername", "alice", "natsPassword", PASSWORD);
        untrusted.setTlsTruststore(strangers.caPem().toString());
        assertThatThrownBy(() -> ((EventStreamConnectionFactory) untrusted.createConnectionFactory()).getConnection())
                .hasMessageContaining("the server's TLS certificate is not trusted")
                .hasMessageContaining("set tlsTruststore");

        ConduitManagedConnectionFactory plain = mcf("natsUsername", "alice", "natsPassword", PASSWORD);
        plain.setTlsTruststore(null);
        assertThatThrownBy(() -> ((EventStreamConnectionFactory) plain.createConnectionFactory()).getConnection())
                .hasMessageContaining("the server requires TLS; set tls=true");
    }

    @Test
    void permissionViolationsAreReportedNotSwallowed() throws Exception {
        EventStreamConnectionFactory limited = factory("natsUsername", "limited", "natsPassword", PASSWORD);
        try (EventStreamConnection connection = limited.getConnection()) {
            assertThatThrownBy(() -> connection.publish("forbidden.orders", new byte[1]))
                    .isInstanceOf(PublishException.class)
                    .hasMessageContaining("does not let this user publish to 'forbidden.orders'")
                    .hasMessageContaining("Permissions Violation");
            connection.publish("allowed.orders", new byte[1]);
        }

        ConduitActivationSpec cannotSubscribe = spec("allowed.orders", "secure-nosub", "natsUsername", "nosub");
        cannotSubscribe.setNatsPassword(PASSWORD);
        assertThatThrownBy(() -> adapter.endpointActivation(new TestEndpointFactory(event -> { }), cannotSubscribe))
                .hasMessageContaining("Permissions Violation for Subscription");
    }

    /** Operator mode (JWT accounts, as nsc and NGS set it up): a user's .creds file authenticates; another's does not. */
    @Test
    void aCredsFileAuthenticatesInOperatorModeAndAForeignOneIsRefused() throws Exception {
        NatsOperator operator = NatsOperator.create();
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("conduit-creds");
        try (NatsServer operatorMode = NatsServer.start(operator.configLines())) {
            java.nio.file.Path creds = operator.writeUserCreds(dir.resolve("app.creds"));
            ConduitManagedConnectionFactory mcf = new ConduitManagedConnectionFactory();
            mcf.setTransport("nats");
            mcf.setServers(operatorMode.url());
            mcf.setNatsCredsFile(creds.toString());
            mcf.setMaxReconnects("0");
            mcf.setResourceAdapter(adapter);
            try (EventStreamConnection connection = ((EventStreamConnectionFactory) mcf.createConnectionFactory())
                    .getConnection()) {
                assertThat(connection.publish("jwt.orders", "with-creds".getBytes()).position()).isEqualTo(1);
            }
            Queue<String> received = new ConcurrentLinkedQueue<>();
            ConduitActivationSpec spec = new ConduitActivationSpec();
            spec.setTransport("nats");
            spec.setServers(operatorMode.url());
            spec.setTopics("jwt.orders");
            spec.setGroupId("jwt-readers");
            spec.setNatsCredsFile(creds.toString());
            TestEndpointFactory mdb = new TestEndpointFactory(event -> received.add(text(event)));
            adapter.endpointActivation(mdb, spec);
            Await.until(() -> !received.isEmpty(), "the event published with a creds file");
            adapter.endpointDeactivation(mdb, spec);
            assertThat(received).containsExactly("with-creds");

            java.nio.file.Path foreign = NatsOperator.create().writeUserCreds(dir.resolve("foreign.creds"));
            String foreignContent = java.nio.file.Files.readString(foreign);
            ConduitManagedConnectionFactory stranger = new ConduitManagedConnectionFactory();
            stranger.setTransport("nats");
            stranger.setServers(operatorMode.url());
            stranger.setNatsCredsFile(foreign.toString());
            stranger.setMaxReconnects("0");
            stranger.setResourceAdapter(adapter);
            assertThatThrownBy(() -> ((EventStreamConnectionFactory) stranger.createConnectionFactory())
                    .getConnection())
                    .hasMessageContaining("the server refused the credentials (Authorization Violation)")
                    .hasMessageNotContaining(foreignContent.lines().filter(line -> line.startsWith("SU"))
                            .findFirst().orElseThrow());
        }
    }

    @Test
    void conflictingOrMalformedCredentialsFailAtDeployment() {
        assertThatThrownBy(() -> Configs.outbound("transport", "nats", "servers", nats.url(), "natsUsername", "a",
                "natsPassword", PASSWORD, "natsNkeySeed", seed))
                .hasMessageContaining("properties 'natsUsername' and 'natsNkeySeed' are all set")
                .hasMessageNotContaining(seed).hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> Configs.outbound("transport", "nats", "servers", nats.url(), "natsNkeySeed",
                "SUnot-a-seed"))
                .hasMessageContaining("property 'natsNkeySeed' is not an NKey seed").hasMessageNotContaining("not-a");
        assertThatThrownBy(() -> Configs.outbound("transport", "nats", "servers", nats.url(), "natsCredsFile",
                "/no/such/user.creds"))
                .hasMessageContaining("property 'natsCredsFile' = '/no/such/user.creds' is not a readable file");
    }

    private EventStreamConnectionFactory factory(String... credentials) throws Exception {
        return (EventStreamConnectionFactory) mcf(credentials).createConnectionFactory();
    }

    private ConduitManagedConnectionFactory mcf(String... credentials) {
        ConduitManagedConnectionFactory mcf = new ConduitManagedConnectionFactory();
        mcf.setTransport("nats");
        mcf.setServers(nats.url());
        mcf.setTlsTruststore(certificates.caPem().toString());
        mcf.setPublishTimeoutMs("2000");
        mcf.setMaxReconnects("0");
        for (int i = 0; i < credentials.length; i += 2) {
            switch (credentials[i]) {
                case "natsNkeySeed" -> mcf.setNatsNkeySeed(credentials[i + 1]);
                case "natsUsername" -> mcf.setNatsUsername(credentials[i + 1]);
                case "natsPassword" -> mcf.setNatsPassword(credentials[i + 1]);
                default -> throw new IllegalArgumentException(credentials[i]);
            }
        }
        try {
            mcf.setResourceAdapter(adapter);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return mcf;
    }

    private static ConduitActivationSpec spec(String topic, String group, String credential, String value) {
        ConduitActivationSpec spec = new ConduitActivationSpec();
        spec.setTransport("nats");
        spec.setServers(nats.url());
        spec.setTopics(topic);
        spec.setGroupId(group);
        spec.setTlsTruststore(certificates.caPem().toString());
        if (credential.equals("natsNkeySeed")) {
            spec.setNatsNkeySeed(value);
        } else {
            spec.setNatsUsername(value);
        }
        return spec;
    }
}
