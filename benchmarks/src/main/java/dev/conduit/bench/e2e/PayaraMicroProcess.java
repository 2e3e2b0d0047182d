package dev.conduit.bench.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.conduit.brokers.FreePorts;

/** Payara Micro in a JVM of its own, with resource adapters deployed by post-boot commands and one application. */
final class PayaraMicroProcess implements AutoCloseable {

    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(4);

    private final Process process;
    private final int port;
    private final Path log;

    private PayaraMicroProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param rars          resource adapter name -> RAR file
     * @param systemProperties "-Dname=value" options for the server JVM
     */
    static PayaraMicroProcess start(Path micro, java.util.Map<String, Path> rars, Path war,
                                    List<String> systemProperties, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        List<String> postBoot = new ArrayList<>();
        rars.forEach((name, rar) -> postBoot.add("deploy --type rar --name " + name + " " + rar.toAbsolutePath()));
        Path postBootFile = workDir.resolve("post-boot.asadmin");
        Files.write(postBootFile, postBoot);
        int port = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g"));
        command.addAll(systemProperties);
        command.addAll(List.of("-jar", micro.toString(), "--nocluster", "--port", Integer.toString(port),
                "--postbootcommandfile", postBootFile.toString(), "--deploy", war.toAbsolutePath().toString()));
        Path log = workDir.resolve("payara.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PayaraMicroProcess(process, port, log);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + "/" + path);
    }

    /** Waits until {@code path} answers 200. */
    void awaitUp(String path, HttpClient http) throws Exception {
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still booting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Payara Micro did not serve " + path + " within " + BOOT_TIMEOUT + "; see "
                + log);
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
