package dev.conduit.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import dev.conduit.brokers.EmbeddedKafka;
import dev.conduit.brokers.NatsServer;

/**
 * Starts the real brokers before Arquillian configures Payara Micro, and tells Micro (through a post-boot command
 * file) to deploy the real RAR and create the connection pool and JNDI resources before the test WAR arrives.
 */
public final class InContainerEnvironment implements LauncherSessionListener {

    public static final String RAR_NAME = "conduit";
    public static final String KAFKA_RESOURCE = "conduit/kafka";
    public static final String NATS_RESOURCE = "conduit/nats";
    public static final String MEMORY_RESOURCE = "conduit/memory";

    private static EmbeddedKafka kafka;
    private static NatsServer nats;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (kafka != null) {
            return;
        }
        kafka = EmbeddedKafka.start();
        nats = NatsServer.start();
        Path rar = Path.of(System.getProperty("conduit.rar", "target/rar/conduit-rar.rar")).toAbsolutePath();
        if (!Files.isRegularFile(rar)) {
            throw new IllegalStateException("RAR not found at " + rar + "; build with mvn install from the root");
        }
        String servers = kafka.bootstrapServers();
        String escaped = servers.replace(":", "\\:");
        List<String> commands = List.of(
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
                "create-connector-resource --poolname conduit-memory-pool " + MEMORY_RESOURCE);
        try {
            Path file = Files.createTempFile("conduit-postboot-", ".asadmin");
            Files.write(file, commands);
            System.setProperty("payara.extraMicroOptions", "--postbootcommandfile " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("payara.cmdOptions", "-Dconduit.kafka.servers=" + servers + " -Dconduit.nats.servers="
                + nats.url() + " -Xmx1g");
        System.setProperty("conduit.kafka.servers", servers);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (nats != null) {
            nats.close();
            nats = null;
        }
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
