package dev.conduit.brokers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code nats-server -js} process on a free loopback port with its own JetStream store directory.
 * The binary is {@code $NATS_SERVER} if set, else {@code nats-server} from the PATH (or {@code /usr/sbin}).
 * {@link #restart()} keeps port and store, so file-backed streams survive it.
 */
public final class NatsServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Path binary;
    private final Path storeDir;
    private final int port;
    private final List<String> config;
    private final List<String> recentOutput = new ArrayList<>();
    private Process process;

    private NatsServer(Path binary, Path storeDir, int port, List<String> config) {
        this.binary = binary;
        this.storeDir = storeDir;
        this.port = port;
        this.config = List.copyOf(config);
    }

    public static NatsServer start() {
        return start(List.of());
    }

    /**
     * A server with extra configuration-file lines, e.g. a {@code tls { ... }} block or an {@code authorization}
     * block with NKey users and permissions.
     */
    public static NatsServer start(List<String> configLines) {
        NatsServer server = new NatsServer(locateBinary(), Directories.createTemp("conduit-nats-"), FreePorts.next(),
                configLines);
        server.launch();
        return server;
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path storeDir() {
        return storeDir;
    }

    /** Stops the server (like a crash of the process: SIGKILL) and starts it again on the same port and store. */
    public synchronized void restart() {
        kill();
        launch();
    }

    /** Freezes the running server (SIGSTOP) for {@code duration}, then lets it continue (SIGCONT). */
    public void freeze(Duration duration) throws InterruptedException {
        ProcessPauses.freeze(running(), duration);
    }

    /** Freezes the server (SIGSTOP) until {@link #resume()}: it keeps its sockets but answers nothing. */
    /** Whether the server process is frozen or suspended now. */
    public synchronized boolean isFrozen() {
        return process != null && ProcessPauses.isStopped(process);
    }

    public void suspend() throws InterruptedException {
        ProcessPauses.suspend(running());
    }

    public void resume() throws InterruptedException {
        ProcessPauses.resume(running());
    }

    private synchronized Process running() {
        if (process == null) {
            throw new IllegalStateException("nats-server is not running");
        }
        return process;
    }

    /** Starts a killed server again on the same port and store. */
    public synchronized void startAgain() {
        if (process == null) {
            launch();
        }
    }

    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            process = null;
        }
        Directories.deleteRecursively(storeDir);
    }

    private synchronized void launch() {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-js", "-a", "127.0.0.1", "-p",
                Integer.toString(port), "-sd", storeDir.toString(), "-n", "conduit-test-" + port));
        if (!config.isEmpty()) {
            Path file = storeDir.resolve("extra.conf");
            try {
                Files.write(file, config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            command.addAll(List.of("-c", file.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + binary, e);
        }
        CountDownLatch ready = new CountDownLatch(1);
        Process started = process;
        Thread reader = new Thread(() -> pump(started, ready, recentOutput), "nats-server-output-" + port);
        reader.setDaemon(true);
        reader.start();
        try {
            if (!ready.await(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new IllegalStateException("nats-server did not report ready within " + READY_TIMEOUT
                        + "; output: " + output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("interrupted while starting nats-server", e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("nats-server exited during start-up; output: " + output());
        }
    }

    /**
     * Reads a nats-server's output (so it never blocks on a full pipe), keeps its last lines in {@code recent} for
     * error messages, and counts {@code ready} down once the server says it is ready. Shared with {@link NatsCluster}.
     */
    static void pump(Process source, CountDownLatch ready, List<String> recent) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(source.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (recent) {
                    recent.add(line);
                    if (recent.size() > 50) {
                        recent.remove(0);
                    }
                }
                if (line.contains("Server is ready")) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // The process went away; the caller reports it.
        }
    }

    private String output() {
        synchronized (recentOutput) {
            return String.join("\n", recentOutput);
        }
    }

    static Path locateBinary() {
        String configured = System.getenv("NATS_SERVER");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin:/usr/local/bin";
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "nats-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("nats-server not found: install it (apt-get install -y nats-server) "
                + "or point NATS_SERVER at the binary");
    }
}
