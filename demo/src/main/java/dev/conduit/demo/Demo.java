package dev.conduit.demo;

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
import java.util.Map;
import java.util.stream.Collectors;

import dev.conduit.brokers.EmbeddedKafka;
import dev.conduit.brokers.FreePorts;
import dev.conduit.brokers.NatsServer;

/**
 * The product end to end: a real Kafka broker and a real nats-server, Payara Micro with the Conduit RAR and a demo
 * application that publishes order events through the injected connection factories and consumes them in MDBs.
 */
public final class Demo {

    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(4);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        int events = Integer.parseInt(System.getProperty("demo.events", "3000"));
        Path rar = existing("demo.rar");
        Path war = existing("demo.war");
        Path workDir = Files.createDirectories(Path.of(System.getProperty("demo.workdir", "target/demo")));

        System.out.println("== Starting a single-node KRaft Kafka broker and nats-server -js");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); NatsServer nats = NatsServer.start()) {
            System.out.println("   Kafka at " + kafka.bootstrapServers() + ", NATS at " + nats.url());
            int httpPort = FreePorts.next();
            Process payara = startPayara(kafka.bootstrapServers(), nats.url(), rar, war, workDir, httpPort);
            try {
                URI orders = URI.create("http://127.0.0.1:" + httpPort + "/conduit-demo-app/api/orders");
                awaitUp(orders, payara, workDir);
                for (String transport : List.of("kafka", "nats")) {
                    System.out.println("== Publishing " + events + " order events over " + transport + " through "
                            + ("kafka".equals(transport) ? "@EJB EventPublisher" : "the injected factory")
                            + " (the RAR's pooled connection factory)");
                    System.out.print(indent(send(HttpRequest.newBuilder(URI.create(orders + "?count=" + events
                            + "&transport=" + transport)).POST(HttpRequest.BodyPublishers.noBody()).build())));
                    long start = System.nanoTime();
                    awaitConsumed(orders, transport, events);
                    System.out.println("   all consumed by the " + transport + " MDB "
                            + (System.nanoTime() - start) / 1_000_000 + " ms after publishing returned");
                }
                System.out.println("== What the MDBs consumed through the adapter");
                System.out.print(indent(send(HttpRequest.newBuilder(orders).build())));
                System.out.println("== Done. Payara Micro's log: " + workDir.resolve("payara.log").toAbsolutePath());
            } finally {
                payara.destroy();
                payara.waitFor();
            }
        }
    }

    private static Process startPayara(String servers, String natsUrl, Path rar, Path war, Path workDir,
                                       int httpPort)
            throws IOException, java.net.URISyntaxException {
        String escaped = servers.replace(":", "\\:");
        Path postBoot = workDir.resolve("post-boot.asadmin");
        Files.write(postBoot, List.of(
                "deploy --type rar --name conduit " + rar.toAbsolutePath(),
                "create-connector-connection-pool --raname conduit"
                        + " --connectiondefinition dev.conduit.api.EventStreamConnectionFactory"
                        + " --property transport=kafka:servers=" + escaped + ":clientId=conduit-demo conduit-pool",
                "create-connector-resource --poolname conduit-pool conduit/default",
                "create-connector-connection-pool --raname conduit"
                        + " --connectiondefinition dev.conduit.api.EventStreamConnectionFactory"
                        + " --property transport=nats:servers=" + natsUrl.replace(":", "\\:")
                        + ":clientId=conduit-demo conduit-nats-pool",
                "create-connector-resource --poolname conduit-nats-pool conduit/nats"));
        Path micro = Path.of(fish.payara.micro.PayaraMicro.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g", "-Dconduit.kafka.servers=" + servers, "-Dconduit.nats.servers=" + natsUrl, "-jar", micro.toString(),
                "--nocluster", "--port", Integer.toString(httpPort), "--postbootcommandfile", postBoot.toString(),
                "--deploy", war.toAbsolutePath().toString()));
        System.out.println("== Starting Payara Micro on port " + httpPort + " with the Conduit RAR ("
                + rar.getFileName() + ") and the demo app");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("payara.log").toFile()).start();
    }

    private static void awaitUp(URI orders, Process payara, Path workDir) throws Exception {
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!payara.isAlive()) {
                throw new IllegalStateException("Payara Micro exited; see " + workDir.resolve("payara.log"));
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(orders).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still booting.
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Payara Micro did not serve the demo app within " + BOOT_TIMEOUT);
    }

    private static void awaitConsumed(URI orders, String transport, int events) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String report = "";
        while (System.nanoTime() < deadline) {
            report = send(HttpRequest.newBuilder(orders).build());
            Map<String, String> values = report.lines().filter(l -> l.contains("="))
                    .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
            if (Long.parseLong(values.getOrDefault(transport + ".consumed", "0")) >= events) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("not every event was consumed within 2 minutes:\n" + report);
    }

    private static String send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static Path existing(String property) {
        Path path = Path.of(System.getProperty(property, ""));
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("system property " + property + " must point at a file, got '" + path
                    + "'; run the demo through Maven (see README)");
        }
        return path;
    }

    private static String indent(String text) {
        return text.lines().map(line -> "   " + line + "\n").collect(Collectors.joining());
    }
}
