package dev.conduit.bench.e2e;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;

import dev.conduit.brokers.EmbeddedKafka;
import dev.conduit.brokers.NatsServer;
import dev.conduit.brokers.TcpProxy;

/**
 * Publish -> broker -> application code, inside Payara Micro, against the raw clients in the same run: Conduit MDBs
 * (per-event at concurrency 1/4/16, ordered and unordered, batch listeners) on Kafka and NATS, the Payara Cloud
 * Connectors Kafka adapter in synch mode, a plain kafka-clients consumer loop and a plain jnats consumer. Every
 * contender gets the same events from the same publisher; rounds alternate the order of contenders, and each
 * contender's ratio is taken against the raw client of its round, then the median over rounds is reported.
 */
public final class EndToEndBenchmark {

    private static final String APP = "conduit-benchmark-app/bench/count/";

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("e2e.events", 100_000);
        int rounds = Integer.getInteger("e2e.rounds", 3);
        Path workDir = Files.createDirectories(Path.of(System.getProperty("e2e.workdir", "target/e2e")));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        try (EmbeddedKafka kafka = EmbeddedKafka.start(4); NatsServer nats = NatsServer.start();
             Connection natsClient = Nats.connect(nats.url())) {
            createTopics(kafka);
            natsClient.jetStreamManagement().addStream(StreamConfiguration.builder().name("bench-n-raw")
                    .subjects("bench-n-raw").storageType(StorageType.File).build());
            System.out.println("== Brokers: Kafka " + kafka.bootstrapServers() + ", NATS " + nats.url()
                    + "; group.initial.rebalance.delay.ms=" + System.getProperty(EmbeddedKafka.INITIAL_REBALANCE_DELAY,
                    "0"));
            // One gate per drain MDB for its servers: passing nothing on until its drain starts.
            Map<String, TcpProxy> drainGates = drainGates(kafka);
            try (PayaraMicroProcess server = PayaraMicroProcess.start(existing("e2e.payaraMicro"),
                    peerFirst(existing("e2e.peerRar"), existing("e2e.rar")), existing("e2e.war"),
                    serverOptions(kafka.bootstrapServers(), nats.url(), drainGates), workDir);
                 Publishers publishers = new Publishers(kafka.bootstrapServers(), natsClient)) {
                server.awaitUp(APP + "ready", http);
                System.out.println("== Payara Micro up with both adapters and the benchmark app (log: " + server.log()
                        + ")");
                Map<String, Contender> contenders = contenders(kafka, natsClient, publishers, server, http);
                String only = System.getProperty("e2e.only", "");
                if (!only.isBlank()) {
                    contenders.keySet().retainAll(List.of(only.split(",")));
                }
                Report report = new Report();

                // Cold: the first 10,000 events of three contenders right after deploy, one after the other (the
                // later ones share the warmed-up container paths with the first). The benchmark's own publisher is
                // warmed first on topics no MDB reads: its JIT is not the adapter's start-up. So are the brokers'
                // fetch paths, by the raw consumers (brokers in production are up long before a deploy).
                publishers.publish("kafka", "bench-k-raw", 50_000);
                publishers.publish("nats", "bench-n-raw", 50_000);
                for (String raw : List.of("kafka-raw", "nats-raw")) {
                    if (contenders.containsKey(raw)) {
                        contenders.get(raw).run(20_000);
                    }
                }
                int firstEvents = 10_000;
                for (String id : List.of("kafka-c4", "kafka-b4", "nats-c4")) {
                    if (!contenders.containsKey(id)) {
                        continue;
                    }
                    MdbContender contender = (MdbContender) contenders.get(id);
                    double rate = firstEvents / contender.run(firstEvents);
                    report.firstAfterDeploy(id, rate);
                    MdbContender.Timeline cold = contender.timeline();
                    System.out.printf(Locale.ROOT, "   first %,d after deploy, %-10s %10.0f events/s (published by "
                            + "%.3f s, first event counted at %.3f s, last at %.3f s: %.0f events/s from the first)%n",
                            firstEvents, id, rate, cold.published(), cold.firstEvent(), cold.lastEvent(),
                            (firstEvents - 1) / (cold.lastEvent() - cold.firstEvent()));
                    // The same again at once: what is left is warming up code, not the activation's state.
                    double again = firstEvents / contender.run(firstEvents);
                    MdbContender.Timeline second = contender.timeline();
                    System.out.printf(Locale.ROOT, "   next %,d,                 %-10s %10.0f events/s (published by "
                            + "%.3f s, first event counted at %.3f s, last at %.3f s)%n", firstEvents, id, again,
                            second.published(), second.firstEvent(), second.lastEvent());
                }

                System.out.println("== Warm-up: " + events / 5 + " events per contender");
                for (Contender contender : contenders.values()) {
                    contender.run(events / 5);
                }
                for (int round = 1; round <= rounds; round++) {
                    List<String> order = new ArrayList<>(contenders.keySet());
                    if (round % 2 == 0) {
                        Collections.reverse(order);
                    }
                    System.out.println("== Round " + round + " of " + rounds + ": " + events + " events per contender");
                    for (String id : order) {
                        Contender contender = contenders.get(id);
                        double seconds = contender.run(events);
                        report.add(round, id, contender, events / seconds);
                        System.out.printf(Locale.ROOT, "   %-48s %10.0f events/s%n", contender.name(),
                                events / seconds);
                    }
                }
                drains(kafka, drainGates, publishers, server, http, events, report);
                if (publishers.natsFailures() > 0) {
                    System.out.println("!! " + publishers.natsFailures() + " NATS publishes failed");
                }
                String table = report.table(contenders);
                System.out.println(table);
                Files.writeString(workDir.resolve("results.txt"), table);
            }
        }
    }

    /**
     * Backlog drains, after the rounds (the container's paths are warm): per drain a backlog of {@code events} is
     * published to a topic nobody reads, then a raw consumer in a new group, the Conduit per-event MDB and the Conduit
     * batch MDB (concurrency 4, ordered; each in a group of its own, its port opened now) drain it one after the
     * other, in an order rotating between drains.
     */
    private static void drains(EmbeddedKafka kafka, Map<String, TcpProxy> gates, Publishers publishers,
                               PayaraMicroProcess server, HttpClient http, int events, Report report) throws Exception {
        int drains = Math.min(3, Integer.getInteger("e2e.drains", 3));
        String only = System.getProperty("e2e.only", "");
        if (drains <= 0 || !only.isBlank() && !List.of(only.split(",")).contains("kafka-drain")) {
            return;
        }
        for (int i = 1; i <= drains; i++) {
            String topic = "bench-k-drain" + i;
            publishers.publish("kafka", topic, events);
            System.out.println("== Backlog drain " + i + " of " + drains + ": " + events + " events in " + topic);
            Map<String, BacklogDrain.Drain> results = new LinkedHashMap<>();
            List<String> order = new ArrayList<>(DRAINERS.keySet());
            Collections.rotate(order, i - 1);
            for (String who : order) {
                BacklogDrain.Drain drain = who.equals("raw")
                        ? BacklogDrain.raw(kafka.bootstrapServers(), topic, "bench-raw-drain" + i, events)
                        : BacklogDrain.conduit(gates.get(who + i), "bench-k-" + who + i, events, server, http);
                results.put(who, drain);
                System.out.printf(Locale.ROOT, "   %-48s %10.0f events/s (first event after %.2f s, drained in "
                        + "%.2f s)%n", DRAINERS.get(who), drain.rate(), drain.toFirstSeconds(), drain.drainSeconds());
            }
            report.drain(results);
        }
    }

    static final Map<String, String> DRAINERS = drainers();

    private static Map<String, String> drainers() {
        Map<String, String> drainers = new LinkedHashMap<>();
        drainers.put("raw", "raw kafka-clients consumer, new group");
        drainers.put("drain", "Conduit Kafka, per event, concurrency 4");
        drainers.put("bdrain", "Conduit Kafka, batches of 100, concurrency 4");
        drainers.put("kdrain", "Conduit Kafka, batches, group.protocol=consumer");
        return drainers;
    }

    /** A closed gate per drain MDB (system properties bench.kafka.drainN, bdrainN, kdrainN for its servers). */
    private static Map<String, TcpProxy> drainGates(EmbeddedKafka kafka) {
        int brokerPort = Integer.parseInt(kafka.bootstrapServers().substring(
                kafka.bootstrapServers().lastIndexOf(':') + 1));
        Map<String, TcpProxy> gates = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            for (String who : List.of("drain", "bdrain", "kdrain")) {
                gates.put(who + i, TcpProxy.held(brokerPort));
            }
        }
        return gates;
    }

    private static Map<String, Contender> contenders(EmbeddedKafka kafka, Connection nats, Publishers publishers,
                                                     PayaraMicroProcess server, HttpClient http) {
        Map<String, Contender> contenders = new LinkedHashMap<>();
        contenders.put("kafka-raw", new RawKafkaContender(kafka.bootstrapServers(), "bench-k-raw", publishers));
        mdb(contenders, "kafka-c1", "Conduit Kafka, per event, concurrency 1", "kafka", "bench-k-c1", publishers,
                server, http);
        mdb(contenders, "kafka-c4", "Conduit Kafka, per event, concurrency 4", "kafka", "bench-k-c4", publishers,
                server, http);
        mdb(contenders, "kafka-c4u", "Conduit Kafka, per event, concurrency 4, unordered", "kafka", "bench-k-c4u",
                publishers, server, http);
        mdb(contenders, "kafka-c16", "Conduit Kafka, per event, concurrency 16", "kafka", "bench-k-c16", publishers,
                server, http);
        mdb(contenders, "kafka-c16u", "Conduit Kafka, per event, concurrency 16, unordered", "kafka",
                "bench-k-c16u", publishers, server, http);
        mdb(contenders, "kafka-b4", "Conduit Kafka, batches of 100, concurrency 4", "kafka", "bench-k-b4",
                publishers, server, http);
        mdb(contenders, "kafka-peer", "Payara Cloud Connectors Kafka RA, synch mode", "kafka", "bench-k-peer",
                publishers, server, http);
        contenders.put("nats-raw", new RawNatsContender(nats, "bench-n-raw", "bench-n-raw", publishers));
        mdb(contenders, "nats-c4", "Conduit NATS, per event, concurrency 4", "nats", "bench-n-c4", publishers,
                server, http);
        mdb(contenders, "nats-b4", "Conduit NATS, batches of 100, concurrency 4", "nats", "bench-n-b4", publishers,
                server, http);
        return contenders;
    }

    private static void mdb(Map<String, Contender> contenders, String id, String name, String transport, String topic,
                            Publishers publishers, PayaraMicroProcess server, HttpClient http) {
        contenders.put(id, new MdbContender(name, transport, topic, publishers, server, http));
    }

    private static void createTopics(EmbeddedKafka kafka) throws Exception {
        Set<String> topics = Set.of("bench-k-raw", "bench-k-c1", "bench-k-c4", "bench-k-c4u", "bench-k-c16",
                "bench-k-c16u", "bench-k-b4", "bench-k-peer", "bench-k-drain1", "bench-k-drain2", "bench-k-drain3");
        try (Admin admin = kafka.admin()) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, 4, (short) 1)).collect(Collectors.toList()))
                    .all().get();
        }
    }

    /** The server JVM's options; {@code -De2e.serverOptions="..."} adds some (a profiler, GC logging). */
    private static List<String> serverOptions(String kafkaServers, String natsUrl, Map<String, TcpProxy> gates) {
        List<String> options = new ArrayList<>(List.of("-Dbench.kafka.servers=" + kafkaServers,
                "-Dbench.nats.servers=" + natsUrl));
        gates.forEach((name, gate) -> options.add("-Dbench.kafka." + name + "=127.0.0.1:" + gate.port()));
        String extra = System.getProperty("e2e.serverOptions", "");
        if (!extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        return options;
    }

    /**
     * Both RARs carry kafka-clients, and applications see the classes of the adapter deployed first: the peer's MDB
     * method takes its {@code ConsumerRecord}, so the peer goes first (Conduit's classes are its own either way).
     */
    private static Map<String, Path> peerFirst(Path peer, Path conduit) {
        Map<String, Path> rars = new LinkedHashMap<>();
        rars.put("kafka-rar", peer);
        rars.put("conduit", conduit);
        return rars;
    }

    private static Path existing(String property) {
        Path path = Path.of(System.getProperty(property, ""));
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("system property " + property + " must point at a file, got '" + path
                    + "'; run the benchmark through Maven (see README)");
        }
        return path;
    }
}
