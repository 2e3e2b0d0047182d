package dev.conduit.brokers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
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
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real KRaft cluster of {@code n} combined broker/controller nodes, each in a JVM of its own on fixed loopback
 * ports with its own log directory, so a test can kill one (SIGKILL) mid-stream and start it again with its data.
 * Topics default to replication factor 3 with {@code min.insync.replicas=2}, the production setting that makes an
 * acknowledged write survive the loss of a broker.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final String READY = "CONDUIT-KAFKA-NODE-STARTED";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final String clusterId = Uuid.randomUuid().toString();
    private final int[] brokerPorts;
    private final int[] controllerPorts;
    private final Path[] logDirs;
    private final Process[] nodes;
    private final int defaultPartitions;

    private KafkaCluster(int size, int defaultPartitions) {
        this.brokerPorts = IntStream.range(0, size).map(i -> FreePorts.next()).toArray();
        this.controllerPorts = IntStream.range(0, size).map(i -> FreePorts.next()).toArray();
        this.logDirs = IntStream.range(0, size).mapToObj(i -> Directories.createTemp("conduit-kafka-node-"))
                .toArray(Path[]::new);
        this.nodes = new Process[size];
        this.defaultPartitions = defaultPartitions;
    }

    /** Starts {@code size} nodes and waits until every broker is in the cluster. */
    public static KafkaCluster start(int size, int defaultPartitions) {
        KafkaCluster cluster = new KafkaCluster(size, defaultPartitions);
        try {
            for (int node = 1; node <= size; node++) {
                cluster.launch(node);
            }
            cluster.awaitBrokers(size);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return IntStream.of(brokerPorts).mapToObj(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    /** The node (1..n) leading {@code partition} of {@code topic}, or -1 when it has none right now. */
    public int leaderOf(String topic, int partition) {
        try (Admin admin = admin()) {
            var description = admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic);
            var leader = description.partitions().get(partition).leader();
            return leader == null ? -1 : leader.id();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not describe " + topic, e);
        }
    }

    /** Kills node {@code node} (1..n) like a crash: SIGKILL, no shutdown. */
    public synchronized void kill(int node) {
        Process process = nodes[node - 1];
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            nodes[node - 1] = null;
        }
    }

    /** Starts a killed node again on its ports and log directory, and waits until it is back in the cluster. */
    public synchronized void restart(int node) {
        launch(node);
        awaitBrokers(nodes.length);
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    @Override
    public synchronized void close() {
        for (int node = 1; node <= nodes.length; node++) {
            kill(node);
        }
        for (Path dir : logDirs) {
            Directories.deleteRecursively(dir);
        }
    }

    private void launch(int node) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx512m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), KafkaCluster.class.getName(), Integer.toString(node),
                clusterId, logDirs[node - 1].toString(), Integer.toString(defaultPartitions),
                IntStream.of(brokerPorts).mapToObj(Integer::toString).collect(Collectors.joining(",")),
                IntStream.of(controllerPorts).mapToObj(Integer::toString).collect(Collectors.joining(","))));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            nodes[node - 1] = process;
            Thread drain = new Thread(() -> drain(process), "kafka-node-" + node + "-output");
            drain.setDaemon(true);
            drain.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Kafka node " + node, e);
        }
    }

    private void awaitBrokers(int expected) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == expected) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Kafka cluster", e);
            } catch (ExecutionException | TimeoutException e) {
                last = e;
            }
        }
        throw new IllegalStateException("the Kafka cluster did not have " + expected + " brokers within "
                + READY_TIMEOUT, last);
    }

    /** The node's output is read (so it never blocks on a full pipe) and dropped. */
    private static void drain(Process process) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            while (lines.readLine() != null) {
                // dropped
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /**
     * A node's JVM: args are node id, cluster id, log dir, default partitions, all broker ports, all controller
     * ports. Formats the log dir on first start; runs until killed or its input closes.
     */
    public static void main(String[] args) throws IOException {
        int node = Integer.parseInt(args[0]);
        Path logDir = Path.of(args[2]);
        String[] brokerPorts = args[4].split(",");
        String[] controllerPorts = args[5].split(",");
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(node));
        p.setProperty("controller.quorum.voters", IntStream.range(0, controllerPorts.length)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts[i]).collect(Collectors.joining(",")));
        String brokerPort = brokerPorts[node - 1];
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:"
                + controllerPorts[node - 1]);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.resolve("data").toString());
        p.setProperty("num.partitions", args[3]);
        p.setProperty("default.replication.factor", Integer.toString(brokerPorts.length));
        p.setProperty("min.insync.replicas", Integer.toString(Math.min(2, brokerPorts.length)));
        p.setProperty("offsets.topic.replication.factor", Integer.toString(brokerPorts.length));
        p.setProperty("offsets.topic.num.partitions", "3");
        p.setProperty("transaction.state.log.replication.factor", Integer.toString(brokerPorts.length));
        p.setProperty("transaction.state.log.min.isr", Integer.toString(Math.min(2, brokerPorts.length)));
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("unclean.leader.election.enable", "false");
        Path config = logDir.resolve("server.properties");
        if (!Files.exists(logDir.resolve("data"))) {
            try (Writer writer = Files.newBufferedWriter(config)) {
                p.store(writer, "conduit kafka cluster node " + node);
            }
            int rc = StorageTool.execute(new String[] {"format", "-t", args[1], "-c", config.toString()},
                    new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("formatting node " + node + " failed");
            }
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p, false), Time.SYSTEM);
        server.startup();
        System.out.println(READY);
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the parent closes our input or kills us
        }
        server.shutdown();
        server.awaitShutdown();
    }
}
