package dev.conduit.brokers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node KRaft Kafka broker (combined broker + controller) running inside this JVM on free loopback
 * ports, with its own log directory. Built from the Maven Central {@code kafka_2.13} artifacts, no Docker.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** System property: the broker's {@code group.initial.rebalance.delay.ms} (default 0 here, 3000 in Kafka). */
    public static final String INITIAL_REBALANCE_DELAY = "conduit.kafka.initialRebalanceDelayMs";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path logDir;
    private final int brokerPort;
    private final int internalPort;
    private final int mutualTlsPort;
    private final KafkaRaftServer server;

    private EmbeddedKafka(Path logDir, int brokerPort, int internalPort, int mutualTlsPort, KafkaRaftServer server) {
        this.logDir = logDir;
        this.brokerPort = brokerPort;
        this.internalPort = internalPort;
        this.mutualTlsPort = mutualTlsPort;
        this.server = server;
    }

    /** Starts a broker with 4 partitions per auto-created topic. */
    public static EmbeddedKafka start() {
        return start(4);
    }

    public static EmbeddedKafka start(int defaultPartitions) {
        Path logDir = Directories.createTemp("conduit-kafka-");
        int brokerPort = FreePorts.next();
        int controllerPort = FreePorts.next();
        Properties props = brokerProperties(logDir, brokerPort, controllerPort, defaultPartitions);
        return launch(logDir, brokerPort, brokerPort, -1, props, List.of());
    }

    /**
     * A broker whose clients must use SASL over TLS: the listener {@link #bootstrapServers()} names speaks
     * SASL_SSL with the server certificate of {@code certificates} and knows each user of {@code users} (name to
     * password) for SCRAM-SHA-256, SCRAM-SHA-512 and PLAIN. ACLs are enforced (nothing is allowed without one, see
     * {@link #grantAll}); the broker's own plaintext listener, {@link #internalBootstrapServers()}, is for the test's
     * admin work. A third listener, {@link #mutualTlsBootstrapServers()}, speaks SSL and requires a client
     * certificate signed by the same CA (the principal is the certificate's subject, e.g.
     * {@code CN=conduit-test-client}).
     */
    public static EmbeddedKafka startSecure(TestCertificates certificates, Map<String, String> users) {
        Path logDir = Directories.createTemp("conduit-kafka-secure-");
        int brokerPort = FreePorts.next();
        int internalPort = FreePorts.next();
        int mutualTlsPort = FreePorts.next();
        int controllerPort = FreePorts.next();
        Properties p = brokerProperties(logDir, brokerPort, controllerPort, 4);
        p.setProperty("listeners", "EXTERNAL://127.0.0.1:" + brokerPort + ",INTERNAL://127.0.0.1:" + internalPort
                + ",MTLS://127.0.0.1:" + mutualTlsPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "EXTERNAL://127.0.0.1:" + brokerPort + ",INTERNAL://127.0.0.1:"
                + internalPort + ",MTLS://127.0.0.1:" + mutualTlsPort);
        p.setProperty("inter.broker.listener.name", "INTERNAL");
        p.setProperty("listener.security.protocol.map", "EXTERNAL:SASL_SSL,INTERNAL:PLAINTEXT,MTLS:SSL,"
                + "CONTROLLER:PLAINTEXT");
        p.setProperty("listener.name.mtls.ssl.client.auth", "required");
        p.setProperty("listener.name.mtls.ssl.truststore.location", certificates.truststore().toString());
        p.setProperty("listener.name.mtls.ssl.truststore.type", "PKCS12");
        p.setProperty("listener.name.mtls.ssl.truststore.password", TestCertificates.PASSWORD);
        p.setProperty("sasl.enabled.mechanisms", "SCRAM-SHA-256,SCRAM-SHA-512,PLAIN");
        String scram = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
        p.setProperty("listener.name.external.scram-sha-256.sasl.jaas.config", scram);
        p.setProperty("listener.name.external.scram-sha-512.sasl.jaas.config", scram);
        StringBuilder plain = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
        users.forEach((user, password) -> plain.append(" user_").append(user).append("=\"").append(password)
                .append('"'));
        p.setProperty("listener.name.external.plain.sasl.jaas.config", plain.append(';').toString());
        p.setProperty("ssl.keystore.location", certificates.serverKeystore().toString());
        p.setProperty("ssl.keystore.type", "PKCS12");
        p.setProperty("ssl.keystore.password", TestCertificates.PASSWORD);
        p.setProperty("ssl.key.password", TestCertificates.PASSWORD);
        p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // The plaintext listeners (inter-broker, controller, the test's admin) act as the anonymous user.
        p.setProperty("super.users", "User:ANONYMOUS");
        List<String> scramUsers = new ArrayList<>();
        users.forEach((user, password) -> {
            scramUsers.add("--add-scram");
            scramUsers.add("SCRAM-SHA-256=[name=" + user + ",password=" + password + "]");
            scramUsers.add("--add-scram");
            scramUsers.add("SCRAM-SHA-512=[name=" + user + ",password=" + password + "]");
        });
        return launch(logDir, brokerPort, internalPort, mutualTlsPort, p, scramUsers);
    }

    private static EmbeddedKafka launch(Path logDir, int brokerPort, int internalPort, int mutualTlsPort,
                                        Properties props, List<String> formatArguments) {
        format(logDir, props, formatArguments);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        EmbeddedKafka kafka = new EmbeddedKafka(logDir, brokerPort, internalPort, mutualTlsPort, server);
        kafka.awaitReady();
        return kafka;
    }

    /** For a secure broker: lets {@code user} do anything on topics and groups whose names start with the prefixes. */
    public void grantAll(String user, String topicPrefix, String groupPrefix) {
        String principal = "User:" + user;
        List<AclBinding> acls = List.of(
                new AclBinding(new ResourcePattern(ResourceType.TOPIC, topicPrefix, PatternType.PREFIXED),
                        new AccessControlEntry(principal, "*", AclOperation.ALL, AclPermissionType.ALLOW)),
                new AclBinding(new ResourcePattern(ResourceType.GROUP, groupPrefix, PatternType.PREFIXED),
                        new AccessControlEntry(principal, "*", AclOperation.ALL, AclPermissionType.ALLOW)));
        try (Admin admin = admin()) {
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating ACLs", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the ACLs of " + user, e);
        }
    }

    /** The listener of a secure broker that requires client certificates (SSL, no SASL). */
    public String mutualTlsBootstrapServers() {
        if (mutualTlsPort < 0) {
            throw new IllegalStateException("not started with startSecure");
        }
        return "127.0.0.1:" + mutualTlsPort;
    }

    /** The broker's plaintext listener (the same as {@link #bootstrapServers()} unless started secure). */
    public String internalBootstrapServers() {
        return "127.0.0.1:" + internalPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** Creates topics up front (tests that need a known partition count use this instead of auto-creation). */
    public void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(Set.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topic " + name, e);
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, internalBootstrapServers()));
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        Directories.deleteRecursively(logDir);
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the embedded Kafka broker", e);
            } catch (ExecutionException | TimeoutException e) {
                last = e;
            }
        }
        close();
        throw new IllegalStateException("embedded Kafka broker did not become ready within " + READY_TIMEOUT, last);
    }

    private static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort, int partitions) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", Integer.toString(partitions));
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // Tests join groups at once; Kafka's own default (and production's) waits 3 s for more members before the
        // first rebalance of an empty group. The end-to-end benchmark runs with that default.
        p.setProperty("group.initial.rebalance.delay.ms", System.getProperty(INITIAL_REBALANCE_DELAY, "0"));
        p.setProperty("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        return p;
    }

    private static void format(Path logDir, Properties props, List<String> extraArguments) {
        Path configFile = logDir.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(configFile)) {
            props.store(writer, "conduit embedded kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        List<String> arguments = new ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(), "-c",
                configFile.toString()));
        arguments.addAll(extraArguments);
        int rc = StorageTool.execute(arguments.toArray(String[]::new),
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("formatting the KRaft log directory failed: "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }
}
