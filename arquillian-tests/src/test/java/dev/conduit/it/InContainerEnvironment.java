package dev.conduit.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import dev.conduit.brokers.EmbeddedKafka;
import io.nats.client.NKey;

import dev.conduit.brokers.NatsServer;
import dev.conduit.brokers.TestCertificates;

/**
 * Starts the real brokers before Arquillian configures Payara Micro, and tells Micro (through a post-boot command
 * file) to deploy the real RAR and create the connection pool and JNDI resources before the test WAR arrives.
 */
public final class InContainerEnvironment implements LauncherSessionListener {

    public static final String RAR_NAME = "conduit";
    public static final String KAFKA_RESOURCE = "conduit/kafka";
    public static final String NATS_RESOURCE = "conduit/nats";
    public static final String MEMORY_RESOURCE = "conduit/memory";
    public static final String KAFKA_SECURE_RESOURCE = "conduit/kafka-secure";
    /** The SASL user of the secure broker; its password reaches Payara only as a password alias. */
    public static final String KAFKA_USER = "conduit-it";
    static final String KAFKA_PASSWORD = "it-scram-pw-5150";

    /** Everything printed to System.out/err from the start of the session, the server's log included. */
    private static final StringBuffer OUTPUT = new StringBuffer();
    private static EmbeddedKafka kafka;
    private static EmbeddedKafka secureKafka;
    private static TestCertificates certificates;
    private static NatsServer nats;
    private static NatsServer secureNats;
    private static String natsSeed;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (kafka != null) {
            return;
        }
        System.setOut(tee(System.out));
        System.setErr(tee(System.err));
        kafka = EmbeddedKafka.start();
        nats = NatsServer.start();
        certificates = TestCertificates.generate();
        secureKafka = EmbeddedKafka.startSecure(certificates, Map.of(KAFKA_USER, KAFKA_PASSWORD));
        secureKafka.grantAll(KAFKA_USER, "it-secure", "it-secure");
        NKey natsUser;
        try {
            natsUser = NKey.createUser(new SecureRandom());
            natsSeed = new String(natsUser.getSeed());
            secureNats = NatsServer.start(List.of("tls {", "  cert_file: \"" + certificates.serverCertPem() + "\"",
                    "  key_file: \"" + certificates.serverKeyPem() + "\"", "}",
                    "authorization { users = [ { nkey: \"" + new String(natsUser.getPublicKey()) + "\" } ] }"));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("could not create the NATS user", e);
        }
        Path rar = Path.of(System.getProperty("conduit.rar", "target/rar/conduit-rar.rar")).toAbsolutePath();
        if (!Files.isRegularFile(rar)) {
            throw new IllegalStateException("RAR not found at " + rar + "; build with mvn install from the root");
        }
        String servers = kafka.bootstrapServers();
        String escaped = servers.replace(":", "\\:");
        Path aliasPasswordFile = writeTemp("conduit-alias-", "AS_ADMIN_ALIASPASSWORD=" + KAFKA_PASSWORD);
        Path seedAliasFile = writeTemp("conduit-alias-", "AS_ADMIN_ALIASPASSWORD=" + natsSeed);
        List<String> commands = List.of(
                "create-password-alias --passwordfile " + aliasPasswordFile + " conduit-kafka-password",
                "create-password-alias --passwordfile " + seedAliasFile + " conduit-nats-seed",
                "deploy --type rar --name " + RAR_NAME + " " + rar,
                "create-connector-connection-pool --raname " + RAR_NAME
                        + " --connectiondefinition dev.conduit.api.EventStreamConnectionFactory"
                        + " --steadypoolsize 1 --maxpoolsize 16"
                        + " --property transport=kafka:servers=" + escaped + ":clientId=conduit-it conduit-kafka-pool",
                "create-connector-resource --poolname conduit-kafka-pool " + KAFKA_RESOURCE,
                "create-connector-resource --poolname conduit-kafka-pool conduit/default",
                "create-connector-connection-pool --raname " + RAR_NAME
                        + " --connectiondefinition dev.conduit.api.EventStreamConnectionFactory"
                        + " --steadypoolsize 1 --maxpoolsize 16"
                        + " --property transport=nats:servers=" + nats.url().replace(":", "\\:")
                        + ":clientId=conduit-it-nats:reconnectWaitMs=100:publishTimeoutMs=10000 conduit-nats-pool",
                "create-connector-resource --poolname conduit-nats-pool " + NATS_RESOURCE,
                "create-connector-connection-pool --raname " + RAR_NAME
                        + " --connectiondefinition dev.conduit.api.EventStreamConnectionFactory"
                        + " --steadypoolsize 1 --maxpoolsize 16 --property transport=memory conduit-memory-pool",
                "create-connector-resource --poolname conduit-memory-pool " + MEMORY_RESOURCE,
                "create-connector-connection-pool --raname " + RAR_NAME
                        + " --connectiondefinition dev.conduit.api.EventStreamConnectionFactory"
                        + " --steadypoolsize 1 --maxpoolsize 16 --property transport=kafka:servers="
                        + secureKafka.bootstrapServers().replace(":", "\\:") + ":saslMechanism=SCRAM-SHA-512"
                        + ":saslUsername=" + KAFKA_USER + ":saslPassword=${ALIAS\\=conduit-kafka-password}"
                        + ":tlsTruststore=" + certificates.truststore() + ":tlsTruststorePassword="
                        + TestCertificates.PASSWORD + ":clientId=conduit-it-secure conduit-kafka-secure-pool",
                "create-connector-resource --poolname conduit-kafka-secure-pool " + KAFKA_SECURE_RESOURCE,
                "create-connector-connection-pool --raname " + RAR_NAME
                        + " --connectiondefinition dev.conduit.api.EventStreamConnectionFactory"
                        + " --steadypoolsize 1 --maxpoolsize 16 --property transport=nats:servers="
                        + secureNats.url().replace(":", "\\:") + ":natsNkeySeed=${ALIAS\\=conduit-nats-seed}"
                        + ":tlsTruststore=" + certificates.caPem() + ":clientId=conduit-it-nats-secure"
                        + " conduit-nats-secure-pool",
                "create-connector-resource --poolname conduit-nats-secure-pool conduit/nats-secure");
        try {
            Path file = Files.createTempFile("conduit-postboot-", ".asadmin");
            Files.write(file, commands);
            System.setProperty("payara.extraMicroOptions", "--postbootcommandfile " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The secure pool and MDB name their password only as a Payara password alias (${ALIAS=...}).
        System.setProperty("payara.cmdOptions", "-Dconduit.kafka.servers=" + servers + " -Dconduit.nats.servers="
                + nats.url() + " -Dconduit.kafka.secure.servers=" + secureKafka.bootstrapServers()
                + " -Dconduit.kafka.secure.truststore=" + certificates.truststore()
                + " -Dconduit.nats.secure.servers=" + secureNats.url() + " -Dconduit.ca.pem=" + certificates.caPem()
                + " -Xmx1g");
        System.setProperty("conduit.kafka.servers", servers);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (kafka != null) {
            kafka.close();
            kafka = null;
            secureKafka.close();
            secureKafka = null;
            secureNats.close();
            secureNats = null;
        }
        if (nats != null) {
            nats.close();
            nats = null;
        }
    }

    private static Path writeTemp(String prefix, String content) {
        try {
            Path file = Files.createTempFile(prefix, ".txt");
            Files.writeString(file, content + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What was printed so far: the Payara Micro process's output reaches this JVM's System.out. */
    /** The NKey seed of the secure NATS server's user: Payara gets it only as a password alias. */
    static String natsSeed() {
        return natsSeed;
    }

    static String serverOutput() {
        return OUTPUT.toString();
    }

    private static PrintStream tee(PrintStream original) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                OUTPUT.append((char) b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                OUTPUT.append(new String(bytes, offset, length, StandardCharsets.UTF_8));
            }
        }, true, StandardCharsets.UTF_8);
    }

    public static NatsServer nats() {
        if (nats == null) {
            throw new IllegalStateException("brokers not started: InContainerEnvironment did not run");
        }
        return nats;
    }

    public static EmbeddedKafka kafka() {
        if (kafka == null) {
            throw new IllegalStateException("brokers not started: InContainerEnvironment did not run");
        }
        return kafka;
    }
}
