package dev.conduit.transport.kafka;

import static dev.conduit.testsupport.KafkaTestClients.header;
import static dev.conduit.testsupport.KafkaTestClients.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.conduit.api.ConnectionClosedException;
import dev.conduit.api.Envelope;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.api.EventStreamException;
import dev.conduit.api.PublishException;
import dev.conduit.api.PublishResult;
import dev.conduit.config.InvalidConfigurationException;
import dev.conduit.outbound.ConduitManagedConnectionFactory;
import dev.conduit.testsupport.RealKafkaAdapterTest;

/** The outbound path against a real KRaft broker, outside a container (unpooled connections, real producer). */
class KafkaOutboundTest extends RealKafkaAdapterTest {

    @Test
    void publishesRawKeyedAndEnvelopeMessages() throws Exception {
        EventStreamConnectionFactory factory = factory(kafka.bootstrapServers());
        Envelope envelope = Envelope.builder("OrderPlaced").aggregateId("order-1").traceId("t-1")
                .payload("{\"total\":3}".getBytes(StandardCharsets.UTF_8)).header("tenant", "acme").build();
        PublishResult raw;
        PublishResult keyed;
        PublishResult enveloped;
        try (EventStreamConnection connection = factory.getConnection()) {
            raw = connection.publish("out-basic", bytes("plain"));
            keyed = connection.publish("out-basic", "k", bytes("keyed"));
            enveloped = connection.publishEnvelope("out-basic", envelope);
            assertThat(connection.transport()).isEqualTo("kafka");
        }

        assertThat(List.of(raw, keyed, enveloped)).allSatisfy(result -> {
            assertThat(result.topic()).isEqualTo("out-basic");
            assertThat(result.position()).isNotNegative();
        });
        List<ConsumerRecord<String, String>> records = readAll(kafka.bootstrapServers(), "out-basic", 3);
        assertThat(records).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("plain", "keyed",
                "{\"total\":3}");
        ConsumerRecord<String, String> stored = records.stream().filter(r -> "order-1".equals(r.key())).findFirst()
                .orElseThrow();
        assertThat(stored.partition()).isEqualTo(enveloped.partition());
        assertThat(stored.offset()).isEqualTo(enveloped.position());
        assertThat(header(stored, "eventType")).isEqualTo("OrderPlaced");
        assertThat(header(stored, "aggregateID")).isEqualTo("order-1");
        assertThat(header(stored, "traceID")).isEqualTo("t-1");
        assertThat(header(stored, "eventID")).isEqualTo(envelope.eventId());
        assertThat(header(stored, "tenant")).isEqualTo("acme");
    }

    @Test
    void manyThreadsShareOneProducerAndEveryMessageArrives() throws Exception {
        EventStreamConnectionFactory factory = factory(kafka.bootstrapServers());
        int threads = 8;
        int perThread = 2_500;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            tasks.add(pool.submit(() -> {
                start.await();
                try (EventStreamConnection connection = factory.getConnection()) {
                    List<CompletableFuture<PublishResult>> acks = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        acks.add(connection.publishAsync("out-parallel", "t" + thread, bytes(thread + "-" + i))
                                .toCompletableFuture());
                    }
                    acks.forEach(CompletableFuture::join);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> task : tasks) {
            task.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<ConsumerRecord<String, String>> records = readAll(kafka.bootstrapServers(), "out-parallel",
                threads * perThread);
        assertThat(records).hasSize(threads * perThread);
        assertThat(records.stream().map(ConsumerRecord::value).distinct().count()).isEqualTo(threads * perThread);
        // Per key (one key per thread), the broker kept the publish order.
        for (int t = 0; t < threads; t++) {
            String key = "t" + t;
            List<Integer> sequence = records.stream().filter(r -> key.equals(r.key()))
                    .sorted((a, b) -> Long.compare(a.offset(), b.offset()))
                    .map(r -> Integer.parseInt(r.value().substring(r.value().indexOf('-') + 1))).toList();
            assertThat(sequence).isSorted().hasSize(perThread);
        }
    }

    @Test
    void factoriesWithEqualSettingsShareOnePhysicalProducerUntilTheLastConnectionCloses() throws Exception {
        EventStreamConnectionFactory first = factory(kafka.bootstrapServers());
        EventStreamConnectionFactory second = factory(kafka.bootstrapServers());
        EventStreamConnection a = first.getConnection();
        EventStreamConnection b = second.getConnection();
        assertThat(adapter.sharedPublishers().size()).isEqualTo(1);

        a.close();
        assertThat(adapter.sharedPublishers().size()).isEqualTo(1);
        b.publish("out-shared", bytes("still works"));
        b.close();
        assertThat(adapter.sharedPublishers().size()).isZero();
    }

    @Test
    void closedHandlesAndAStoppedAdapterRefuseToPublish() throws Exception {
        EventStreamConnectionFactory factory = factory(kafka.bootstrapServers());
        EventStreamConnection connection = factory.getConnection();
        connection.close();
        connection.close();
        assertThat(connection.isClosed()).isTrue();
        assertThatThrownBy(() -> connection.publish("out-closed", bytes("x")))
                .isInstanceOf(ConnectionClosedException.class).hasMessageContaining("connection is closed");

        EventStreamConnection open = factory.getConnection();
        adapter.stop();
        assertThatThrownBy(() -> open.publish("out-closed", bytes("x")))
                .isInstanceOf(ConnectionClosedException.class).hasMessageContaining("publisher is closed");
    }

    @Test
    void unreachableBrokerFailsWithinThePublishTimeout() throws Exception {
        ConduitManagedConnectionFactory mcf = managedFactory("127.0.0.1:1");
        mcf.setPublishTimeoutMs("500");
        EventStreamConnectionFactory factory = (EventStreamConnectionFactory) mcf.createConnectionFactory();
        try (EventStreamConnection connection = factory.getConnection()) {
            assertThatThrownBy(() -> connection.publish("out-nowhere", bytes("x")))
                    .isInstanceOf(EventStreamException.class)
                    .hasMessageContaining("could not prepare topic 'out-nowhere' (topicStrategy=create) within 500 ms");
        }
        mcf.setTopicStrategy("skip");
        factory = (EventStreamConnectionFactory) mcf.createConnectionFactory();
        try (EventStreamConnection connection = factory.getConnection()) {
            assertThatThrownBy(() -> connection.publish("out-nowhere", bytes("x")))
                    .isInstanceOf(PublishException.class)
                    .hasMessageContaining("the broker did not accept the message")
                    .hasMessageContaining("500 ms");
        }
    }

    @Test
    void invalidSettingsFailWhenTheFactoryIsCreated() {
        ConduitManagedConnectionFactory mcf = managedFactory(kafka.bootstrapServers());
        mcf.setKafkaProperties("linger.ms=5;no.such.setting=1;value.serializer=x");
        mcf.setAcks("most");
        assertThatThrownBy(mcf::createConnectionFactory)
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("property 'acks' = 'most' must be one of all, 1, 0");

        mcf.setAcks("all");
        assertThatThrownBy(mcf::createConnectionFactory)
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("unknown Kafka setting 'no.such.setting'")
                .hasMessageContaining("sets 'value.serializer', which the adapter manages");
    }

    /**
     * Another copy of kafka-clients on the thread's context class loader (another RAR or an application on the same
     * server) must not break the adapter's clients: kafka-clients loads its configured classes through that loader.
     */
    @Test
    void anotherKafkaClientsOnTheContextClassLoaderDoesNotBreakTheClients() throws Exception {
        java.net.URL[] foreignCopy = {
                org.apache.kafka.clients.producer.KafkaProducer.class.getProtectionDomain().getCodeSource().getLocation(),
                org.slf4j.LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation()};
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (java.net.URLClassLoader foreign = new java.net.URLClassLoader(foreignCopy, null)) {
            Thread.currentThread().setContextClassLoader(foreign);
            try (EventStreamConnection connection = factory(kafka.bootstrapServers()).getConnection()) {
                assertThat(connection.publish("foreign-loader", "k", "v".getBytes(StandardCharsets.UTF_8))
                        .position()).isNotNegative();
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private EventStreamConnectionFactory factory(String servers) throws Exception {
        return (EventStreamConnectionFactory) managedFactory(servers).createConnectionFactory();
    }

    private ConduitManagedConnectionFactory managedFactory(String servers) {
        ConduitManagedConnectionFactory mcf = new ConduitManagedConnectionFactory();
        mcf.setTransport("kafka");
        mcf.setServers(servers);
        mcf.setClientId("outbound-test");
        try {
            mcf.setResourceAdapter(adapter);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return mcf;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
