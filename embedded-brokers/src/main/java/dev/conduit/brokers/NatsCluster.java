package dev.conduit.brokers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;

/**
 * A real JetStream cluster of {@code n} {@code nats-server} processes on loopback ports, each with its own store,
 * routed to each other, so a test can kill one (SIGKILL) mid-stream and start it again with its data. Streams
 * need {@code replicas=3} (topicConfig) to survive the loss of a node.
 */
public final class NatsCluster implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Path binary = NatsServer.locateBinary();
    private final int[] clientPorts;
    private final int[] routePorts;
    private final Path[] dirs;
    private final Process[] nodes;

    private NatsCluster(int size) {
        this.clientPorts = IntStream.range(0, size).map(i -> FreePorts.next()).toArray();
        this.routePorts = IntStream.range(0, size).map(i -> FreePorts.next()).toArray();
        this.dirs = IntStream.range(0, size).mapToObj(i -> Directories.createTemp("conduit-nats-node-"))
                .toArray(Path[]::new);
        this.nodes = new Process[size];
    }

    /** Starts {@code size} routed nodes with JetStream. */
    public static NatsCluster start(int size) {
        NatsCluster cluster = new NatsCluster(size);
        try {
            for (int node = 1; node <= size; node++) {
                cluster.launch(node);
            }
            cluster.awaitJetStream();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Every node's URL, comma-separated (the {@code servers} property). */
    public String urls() {
        return IntStream.of(clientPorts).mapToObj(port -> "nats://127.0.0.1:" + port)
                .collect(Collectors.joining(","));
    }

    /** The name of node {@code node} (1..n), as stream cluster info reports its leader. */
    public String nameOf(int node) {
        return "conduit-node-" + node;
    }

    /** The node (1..n) called {@code name}. */
    public int nodeNamed(String name) {
        for (int node = 1; node <= nodes.length; node++) {
            if (nameOf(node).equals(name)) {
                return node;
            }
        }
        throw new IllegalArgumentException("no node named " + name);
    }

    /** Kills node {@code node} like a crash: SIGKILL. */
    public synchronized void kill(int node) {
        Process process = nodes[node - 1];
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            nodes[node - 1] = null;
        }
    }

    /** Starts a killed node again on its ports and store. */
    public synchronized void restart(int node) {
        launch(node);
    }

    /** The nodes elect a JetStream meta leader after they found each other; until then JetStream calls fail. */
    private void awaitJetStream() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Connection connection = Nats.connect(urls())) {
                connection.jetStreamManagement().getAccountStatistics();
                return;
            } catch (IOException | JetStreamApiException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for JetStream", e);
            }
        }
        throw new IllegalStateException("the NATS cluster's JetStream was not ready within " + READY_TIMEOUT, last);
    }

    @Override
    public synchronized void close() {
        for (int node = 1; node <= nodes.length; node++) {
            kill(node);
        }
        for (Path dir : dirs) {
            Directories.deleteRecursively(dir);
        }
    }

    private void launch(int node) {
        Path config = dirs[node - 1].resolve("node.conf");
        String routes = IntStream.range(0, routePorts.length).filter(i -> i != node - 1)
                .mapToObj(i -> "nats-route://127.0.0.1:" + routePorts[i]).collect(Collectors.joining(", "));
        List<String> lines = List.of(
                "server_name: " + nameOf(node),
                "listen: 127.0.0.1:" + clientPorts[node - 1],
                "jetstream { store_dir: \"" + dirs[node - 1].resolve("store") + "\" }",
                "cluster {",
                "  name: conduit-cluster",
                "  listen: 127.0.0.1:" + routePorts[node - 1],
                "  routes: [ " + routes + " ]",
                "}");
        try {
            Files.write(config, lines);
            Process process = new ProcessBuilder(binary.toString(), "-c", config.toString())
                    .redirectErrorStream(true).start();
            nodes[node - 1] = process;
            CountDownLatch ready = new CountDownLatch(1);
            List<String> output = new ArrayList<>();
            Thread reader = new Thread(() -> NatsServer.pump(process, ready, output), "nats-node-" + node + "-output");
            reader.setDaemon(true);
            reader.start();
            if (!ready.await(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(node);
                synchronized (output) {
                    throw new IllegalStateException("nats node " + node + " did not start: " + output);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not start nats node " + node, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting nats node " + node, e);
        }
    }
}
