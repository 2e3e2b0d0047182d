package dev.conduit.brokers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node KRaft broker ({@link EmbeddedKafka}) in a JVM of its own, so tests can freeze the broker
 * process ({@link #freeze}) without freezing themselves. The child runs on this JVM's class path and stops when
 * its standard input closes, so it never outlives the test JVM.
 */
public final class ForkedKafka implements AutoCloseable {

    private static final String READY = "CONDUIT-KAFKA-READY ";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final String bootstrapServers;

    private ForkedKafka(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    public static ForkedKafka start(int defaultPartitions) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx768m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), ForkedKafka.class.getName(),
                Integer.toString(defaultPartitions)).redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a Kafka broker JVM", e);
        }
        CompletableFuture<String> ready = new CompletableFuture<>();
        List<String> output = new ArrayList<>();
        Thread reader = new Thread(() -> pump(process, ready, output), "forked-kafka-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            return new ForkedKafka(process, ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String reason = e instanceof TimeoutException ? "did not report ready within " + READY_TIMEOUT
                    : "failed to start";
            synchronized (output) {
                throw new IllegalStateException("the forked Kafka broker " + reason + "; output:\n"
                        + String.join("\n", output), e);
            }
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Freezes the broker process (SIGSTOP) for {@code duration}, then lets it continue (SIGCONT). */
    /** Whether the broker process is frozen now (see {@link #freeze}). */
    public boolean isFrozen() {
        return ProcessPauses.isStopped(process);
    }

    public void freeze(Duration duration) throws InterruptedException {
        ProcessPauses.freeze(process, duration);
    }

    @Override
    public void close() {
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void pump(Process process, CompletableFuture<String> ready, List<String> output) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(READY)) {
                    ready.complete(line.substring(READY.length()).trim());
                }
                synchronized (output) {
                    output.add(line);
                    if (output.size() > 100) {
                        output.remove(0);
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        ready.completeExceptionally(new IllegalStateException("the broker JVM exited"));
    }

    /** The child JVM: runs a broker until its standard input closes. */
    public static void main(String[] args) throws IOException {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(Integer.parseInt(args[0]))) {
            System.out.println(READY + kafka.bootstrapServers());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our input
            }
        }
    }
}
