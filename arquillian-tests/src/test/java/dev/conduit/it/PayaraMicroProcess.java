package dev.conduit.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import fish.payara.micro.PayaraMicro;

import dev.conduit.brokers.FreePorts;

import static org.awaitility.Awaitility.await;

/**
 * A Payara Micro server in a process of its own, for tests that need several servers (Arquillian manages one):
 * deploys the real RAR, creates connection pools and deploys an application through a post-boot command file,
 * and can be stopped gracefully (SIGTERM: Payara undeploys, the adapter hands its work back) or killed (SIGKILL).
 */
final class PayaraMicroProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private PayaraMicroProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * @param commands    asadmin commands run after boot, before the application is deployed (pools, resources)
     * @param application the WAR to deploy last
     * @param properties  system properties of the server JVM ("-Dname=value" each)
     */
    static PayaraMicroProcess start(String name, Path rar, List<String> commands, Path application,
                                    List<String> properties) {
        try {
            // A fresh root each time: Payara Micro keeps deployments and pools of an earlier run in its root.
            Path dir = Files.createDirectories(Path.of("target", "payara-instances").toAbsolutePath())
                    .resolve(name + "-" + System.currentTimeMillis());
            Files.createDirectories(dir);
            Path postBoot = dir.resolve("post-boot.asadmin");
            List<String> all = new ArrayList<>();
            all.add("deploy --type rar --name " + InContainerEnvironment.RAR_NAME + " " + rar);
            all.addAll(commands);
            all.add("deploy --name " + name + "-app " + application);
            Files.write(postBoot, all);
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m",
                    "-Dconduit.instance=" + name));
            command.addAll(properties);
            command.addAll(List.of("-jar", payaraMicroJar(), "--nocluster", "--name", name,
                    "--rootdir", dir.resolve("root").toString(),
                    "--port", Integer.toString(FreePorts.next()), "--sslport", Integer.toString(FreePorts.next()),
                    "--postbootcommandfile", postBoot.toString()));
            Path log = dir.resolve("server.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            PayaraMicroProcess server = new PayaraMicroProcess(name, process, log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Payara Micro " + name, e);
        }
    }

    String name() {
        return name;
    }

    /** SIGTERM: Payara undeploys the application and stops the adapter, then the JVM ends ({@link #awaitExit}). */
    void stopGracefully() {
        process.destroy();
    }

    /** Waits for the JVM to end after {@link #stopGracefully()}. */
    void awaitExit() throws InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not stop within 120 s of SIGTERM; see " + log);
        }
    }

    /**
     * Whether a stopped server got through Payara Micro's shutdown (it undeploys applications, so MDBs are
     * deactivated). After SIGTERM it sometimes exits without printing this, and without deactivating them.
     */
    boolean completedShutdown() {
        return output().contains("Payara Micro STOPPED");
    }

    /** SIGKILL: the server disappears mid-work, acknowledging and handing back nothing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitReady() {
        await(name + " ready (Payara Micro printed 'ready in', log " + log + ")").atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n"
                                + tail());
                    }
                    String output = output();
                    if (output.contains("Failed to deploy") || output.contains("Exception while deploying")) {
                        throw new IllegalStateException(name + " could not deploy:\n" + tail());
                    }
                    return output.contains(" ready in ");
                });
    }

    private String tail() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(log),
                StandardCharsets.UTF_8))) {
            List<String> lines = reader.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String payaraMicroJar() {
        try {
            return Path.of(PayaraMicro.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
