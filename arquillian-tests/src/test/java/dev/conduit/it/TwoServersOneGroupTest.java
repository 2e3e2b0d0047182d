package dev.conduit.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.conduit.it.scale.ReceiptWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Payara Micro servers run the same application, one MDB group on two topics x 500 aggregates, while events
 * stream in; once over Kafka, once over NATS JetStream with partitioned streams (what differs is in
 * {@link ScaleOutTransport}). First one server is stopped gracefully mid-stream (its partitions move to the other),
 * then a fresh server joins and the first one is killed (SIGKILL) mid-stream: its partitions move once the broker
 * (Kafka: the session timeout) or the survivor (NATS: the partition leases) notices, and its unfinished events are
 * delivered again, before anything newer of their aggregates.
 * What the group processed is read from the receipts the MDBs write to Kafka before returning (see
 * {@link ReceiptWriter}), so nothing depends on the dead server's memory.
 */
class TwoServersOneGroupTest {

    private static final int AGGREGATES = 500;
    private static final int RATE_PER_SECOND = 1_000;

    private final List<PayaraMicroProcess> servers = new ArrayList<>();
    private Receipts receipts;

    /** Both, or those named in -Dconduit.scale.transports (e.g. "nats"). */
    static List<ScaleOutTransport> transports() {
        List<String> wanted = List.of(System.getProperty("conduit.scale.transports", "kafka,nats").split(","));
        return Stream.of(new KafkaScaleOut(), new NatsScaleOut()).filter(t -> wanted.contains(t.name())).toList();
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (receipts != null) {
            receipts.close();
        }
        for (PayaraMicroProcess server : servers) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aGracefulStopAndAKillLoseNothingAndKeepEveryAggregateInOrder(ScaleOutTransport transport)
            throws Exception {
        createReceiptsTopic();
        transport.createTopics();
        receipts = new Receipts(transport.topics());
        Path war = application(transport);
        PayaraMicroProcess first = start("scale-a", war, transport);
        PayaraMicroProcess second = start("scale-b", war, transport);
        receipts.start();

        // Warm-up (sequences -3 to -1, not counted): fresh servers process slowly at first (JIT, client start-up),
        // and the stop in phase 1 must come while its 10 s stream still runs.
        EventStream.publish(transport, -3, 0).await();
        receipts.awaitAll(-3, 0);

        // Phase 1: 10,000 events (sequences 0-9 of each aggregate); the second server stops gracefully mid-stream.
        EventStream graceful = EventStream.publish(transport, 0, 10);
        awaitBothProcessing(first, second, 0);
        System.out.println("SCALE-OUT " + transport + " SIGTERM to " + second.name() + " after " + graceful.sent()
                + " events published, " + receipts.processedBy(first.name(), 0) + " processed by " + first.name()
                + ", " + receipts.processedBy(second.name(), 0) + " by " + second.name());
        second.stopGracefully();
        // The stop must begin mid-stream; it may end after the stream (Kafka drains for up to stopDrainMs).
        assertThat(graceful.finished()).as("the graceful stop began mid-stream").isFalse();
        second.awaitExit();
        graceful.await();
        Summary phase1 = receipts.awaitAll(0, 10);
        boolean shutDown = second.completedShutdown();
        System.out.println("SCALE-OUT " + transport + " graceful stop of " + second.name() + " (Payara Micro "
                + (shutDown ? "completed its shutdown" : "exited before completing its shutdown") + "): " + phase1);
        assertThat(phase1.lost()).isZero();
        assertThat(phase1.outOfOrder()).isZero();
        // Payara refuses MDB deliveries once undeployment began, so the stop hands back what was buffered; on
        // Kafka the commit records what completed beyond it, and the next owner skips those.
        assertThat(phase1.duplicates()).as("events processed twice after a graceful stop").isZero();

        // Phase 2: 20,000 more (sequences 10-29); a fresh server joins, then the first is killed mid-stream.
        PayaraMicroProcess third = start("scale-c", war, transport);
        EventStream killed = EventStream.publish(transport, 10, 30);
        awaitBothProcessing(first, third, 10);
        System.out.println("SCALE-OUT " + transport + " SIGKILL to " + first.name() + " after " + killed.sent()
                + " events published, " + receipts.processedBy(first.name(), 10) + " processed by " + first.name()
                + ", " + receipts.processedBy(third.name(), 10) + " by " + third.name());
        long killedAt = System.currentTimeMillis();
        first.kill();
        assertThat(killed.finished()).as("the kill happened mid-stream").isFalse();
        killed.await();
        Summary phase2 = receipts.awaitAll(10, 30);
        System.out.println("SCALE-OUT " + transport + " kill -9 of " + first.name() + ": " + phase2 + "; "
                + receipts.takeOver(first.name(), third.name(), 10, killedAt));
        assertThat(phase2.lost()).isZero();
        assertThat(phase2.outOfOrder()).isZero();
        assertThat(receipts.processedBy(third.name(), 10)).as("events %s took over", third.name())
                .isGreaterThan(receipts.processedBy(first.name(), 10));
    }

    private void awaitBothProcessing(PayaraMicroProcess one, PayaraMicroProcess other, int fromSequence) {
        await("both servers processing").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> receipts.processedBy(one.name(), fromSequence) >= 200
                        && receipts.processedBy(other.name(), fromSequence) >= 200);
    }

    /** Every server has the same Kafka pool for the receipts; the MDB's own transport is in its activation spec. */
    private PayaraMicroProcess start(String name, Path war, ScaleOutTransport transport) {
        String servers = InContainerEnvironment.kafka().bootstrapServers();
        List<String> properties = new ArrayList<>(List.of("-Dconduit.kafka.servers=" + servers));
        properties.addAll(transport.serverProperties());
        PayaraMicroProcess server = PayaraMicroProcess.start(name,
                Path.of(System.getProperty("conduit.rar", "target/rar/conduit-rar.rar")).toAbsolutePath(),
                List.of("create-connector-connection-pool --raname " + InContainerEnvironment.RAR_NAME
                                + " --connectiondefinition dev.conduit.api.EventStreamConnectionFactory"
                                + " --steadypoolsize 1 --maxpoolsize 16 --property transport=kafka:servers="
                                + servers.replace(":", "\\:") + ":lingerMs=0:clientId=" + name + " scale-pool",
                        "create-connector-resource --poolname scale-pool conduit/kafka"),
                war, properties);
        this.servers.add(server);
        return server;
    }

    /** The transport's MDB alone: the other transport's would consume (or create) topics of its own. */
    private static Path application(ScaleOutTransport transport) throws IOException {
        String name = "scale-" + transport.name() + "-app.war";
        Path war = Files.createDirectories(Path.of("target", "scale")).resolve(name).toAbsolutePath();
        ShrinkWrap.create(WebArchive.class, name).addClasses(ReceiptWriter.class, transport.listener())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .as(ZipExporter.class).exportTo(war.toFile(), true);
        return war;
    }

    /** Once per session: both transports' receipts go to it (each run reads only its own topics' receipts). */
    private static void createReceiptsTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                InContainerEnvironment.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(ReceiptWriter.RECEIPTS, 6, (short) 1))).all()
                    .get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** Publishes sequences [from, to) of every aggregate on every topic at RATE_PER_SECOND, in the background. */
    private record EventStream(CompletableFuture<Void> done, AtomicInteger sent) {

        static EventStream publish(ScaleOutTransport transport, int from, int to) {
            AtomicInteger sent = new AtomicInteger();
            CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
                try (ScaleOutTransport.Publisher publisher = transport.publisher()) {
                    long start = System.nanoTime();
                    for (int sequence = from; sequence < to; sequence++) {
                        for (int aggregate = 0; aggregate < AGGREGATES; aggregate++) {
                            for (String topic : transport.topics()) {
                                publisher.send(topic, "agg-" + aggregate, sequence);
                                long due = start + sent.incrementAndGet() * 1_000_000_000L / RATE_PER_SECOND;
                                long ahead = due - System.nanoTime();
                                if (ahead > 0) {
                                    TimeUnit.NANOSECONDS.sleep(ahead); // pacing the stream, not synchronizing
                                }
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (Exception e) {
                    throw new IllegalStateException("publishing sequences " + from + "-" + (to - 1) + " failed", e);
                }
            });
            return new EventStream(done, sent);
        }

        boolean finished() {
            return done.isDone();
        }

        void await() throws Exception {
            done.get(5, TimeUnit.MINUTES);
        }
    }

    /** @param duplicates receipts beyond the first of an event (redeliveries) */
    record Summary(int events, int receipts, int lost, int outOfOrder, int duplicates,
                   Map<String, Integer> perServer) {
    }

    /**
     * Reads every receipt of the run's topics from the beginning, in partition order (one key, one partition:
     * processing order).
     */
    private static final class Receipts implements AutoCloseable {

        /**
         * @param at       when the MDB wrote it (the record's create time: the servers run on this machine's clock)
         * @param delivery the event's offset or stream sequence and delivery attempt, for the dump
         */
        private record Receipt(String server, String topic, String aggregate, int sequence, long at,
                               String delivery) {
            String key() {
                return topic + "|" + aggregate;
            }
        }

        private final List<String> topics;
        private final Queue<Receipt> received = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger count = new AtomicInteger();
        private Thread reader;

        Receipts(List<String> topics) {
            this.topics = topics;
        }

        void start() {
            reader = new Thread(this::read, "scale-receipts-reader");
            reader.start();
        }

        private void read() {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, InContainerEnvironment.kafka().bootstrapServers());
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
                List<TopicPartition> partitions = consumer.partitionsFor(ReceiptWriter.RECEIPTS).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (running.get()) {
                    consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                        String[] parts = record.value().split("\\|");
                        if (topics.contains(parts[1])) {
                            received.add(new Receipt(parts[0], parts[1], parts[2], Integer.parseInt(parts[3]),
                                    record.timestamp(), parts[4] + "|" + parts[5]));
                            count.incrementAndGet();
                        }
                    });
                }
            }
        }

        int processedBy(String server, int fromSequence) {
            return (int) received.stream().filter(r -> r.server().equals(server) && r.sequence() >= fromSequence)
                    .count();
        }

        /** Waits until every event of sequences [from, to) has a receipt, then counts. */
        Summary awaitAll(int from, int to) {
            int events = (to - from) * AGGREGATES * topics.size();
            await("receipts of sequences " + from + "-" + (to - 1)).atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200)).until(() -> distinct(from, to) >= events);
            return summarize(from, to, events);
        }

        /**
         * How long after the kill the survivor processed the dead server's aggregates (those whose last receipt
         * before the kill was the dead server's): its first such receipt, and the last of those aggregates to
         * resume.
         */
        String takeOver(String dead, String survivor, int fromSequence, long killedAt) {
            Map<String, String> lastBefore = new HashMap<>();
            Map<String, Long> resumed = new HashMap<>();
            for (Receipt receipt : received) {
                if (receipt.sequence() < fromSequence) {
                    continue;
                }
                if (receipt.at() < killedAt) {
                    lastBefore.put(receipt.key(), receipt.server());
                } else if (receipt.server().equals(survivor)) {
                    resumed.putIfAbsent(receipt.key(), receipt.at());
                }
            }
            List<Long> delays = lastBefore.entrySet().stream().filter(e -> e.getValue().equals(dead))
                    .map(e -> resumed.get(e.getKey())).filter(Objects::nonNull)
                    .map(at -> at - killedAt).sorted().toList();
            if (delays.isEmpty()) {
                return "take-over: none of " + dead + "'s aggregates resumed on " + survivor;
            }
            return String.format("take-over: %s processed the first of %d aggregates %s had after %.1f s, the last "
                    + "after %.1f s", survivor, delays.size(), dead, delays.get(0) / 1e3,
                    delays.get(delays.size() - 1) / 1e3);
        }

        private long distinct(int from, int to) {
            return received.stream().filter(r -> r.sequence() >= from && r.sequence() < to)
                    .map(r -> r.key() + "|" + r.sequence()).distinct().count();
        }

        /**
         * Per aggregate, each receipt must be the next sequence or a step back (a redelivery replays from the last
         * commit, in order); a step forward past an unprocessed sequence is out of order.
         */
        private Summary summarize(int from, int to, int events) {
            dump(Path.of("target", "scale", "receipts-" + topics.get(0) + "-" + from + "-" + to + ".txt"));
            Map<String, Integer> last = new HashMap<>();
            Set<String> seen = new HashSet<>();
            Map<String, Integer> perServer = new HashMap<>();
            int receiptsInRange = 0;
            int outOfOrder = 0;
            int duplicates = 0;
            for (Receipt receipt : received) {
                if (receipt.sequence() < from || receipt.sequence() >= to) {
                    continue;
                }
                receiptsInRange++;
                perServer.merge(receipt.server(), 1, Integer::sum);
                int previous = last.getOrDefault(receipt.key(), from - 1);
                if (receipt.sequence() > previous + 1) {
                    outOfOrder++;
                }
                last.put(receipt.key(), receipt.sequence());
                if (!seen.add(receipt.key() + "|" + receipt.sequence())) {
                    duplicates++;
                }
            }
            return new Summary(events, receiptsInRange, events - seen.size(), outOfOrder, duplicates, perServer);
        }

        /** Every receipt in reading order, for when a count is not what it should be. */
        private void dump(Path file) {
            try {
                Files.write(file, received.stream().map(r -> r.server() + "|" + r.key() + "|" + r.sequence() + "|"
                        + r.delivery() + "|" + r.at()).toList());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            if (reader != null) {
                reader.join(10_000);
            }
        }
    }
}
