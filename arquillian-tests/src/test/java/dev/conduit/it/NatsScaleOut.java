package dev.conduit.it;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import dev.conduit.adapter.ConduitResourceAdapter;
import dev.conduit.api.Envelope;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.it.scale.NatsReceiptingListener;
import dev.conduit.it.scale.ReceiptWriter;
import dev.conduit.outbound.ConduitManagedConnectionFactory;
import dev.conduit.testsupport.TestBootstrapContext;

/**
 * NATS JetStream: each topic's stream has 6 partition subjects, shared by the servers through leases. The test
 * publishes through the adapter itself (a resource adapter and connection factory in the test JVM), so every
 * aggregate's events land on the partition subject the adapter computes for it.
 */
final class NatsScaleOut implements ScaleOutTransport {

    /** The same as the MDB's: whichever of the two creates a stream first gives it 6 partitions. */
    private static final String TOPIC_CONFIG = "*:partitions=6";

    @Override
    public String name() {
        return "nats";
    }

    @Override
    public List<String> topics() {
        return List.of("scale-nats-1", "scale-nats-2");
    }

    @Override
    public Class<? extends ReceiptWriter> listener() {
        return NatsReceiptingListener.class;
    }

    @Override
    public List<String> serverProperties() {
        return List.of("-Dconduit.nats.servers=" + InContainerEnvironment.nats().url());
    }

    /** The first server's MDB creates the streams when it starts (its topicConfig says partitions=6). */
    @Override
    public void createTopics() {
    }

    @Override
    public Publisher publisher() throws Exception {
        ConduitResourceAdapter adapter = new ConduitResourceAdapter();
        adapter.start(new TestBootstrapContext());
        ConduitManagedConnectionFactory mcf = new ConduitManagedConnectionFactory();
        mcf.setTransport("nats");
        mcf.setServers(InContainerEnvironment.nats().url());
        mcf.setClientId("scale-publisher");
        mcf.setTopicConfig(TOPIC_CONFIG);
        mcf.setResourceAdapter(adapter);
        EventStreamConnection connection = ((EventStreamConnectionFactory) mcf.createConnectionFactory())
                .getConnection();
        Queue<CompletableFuture<?>> acks = new ConcurrentLinkedQueue<>();
        return new Publisher() {
            @Override
            public void send(String topic, String aggregate, int sequence) {
                Envelope event = Envelope.builder("Step").aggregateId(aggregate)
                        .payload(Integer.toString(sequence).getBytes(StandardCharsets.UTF_8)).build();
                acks.add(connection.publishEnvelopeAsync(topic, event).toCompletableFuture());
            }

            /** Every publish must have been stored: a failure fails the phase. */
            @Override
            public void close() throws Exception {
                try {
                    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
                } finally {
                    connection.close();
                    adapter.stop();
                }
            }
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
