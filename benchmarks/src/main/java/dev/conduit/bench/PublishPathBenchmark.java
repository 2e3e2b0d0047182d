package dev.conduit.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.conduit.api.Envelope;
import dev.conduit.config.Direction;
import dev.conduit.outbound.SharedPublisher;
import dev.conduit.transport.OptionCatalog;
import dev.conduit.transport.OutgoingMessage;
import dev.conduit.transport.TransportConfig;

/**
 * The publish hot path (closed check, topic check, size check, in-flight bound, topic fast path, metrics) against
 * the bare transport call, on one and on four threads. The ratio is the adapter's overhead per publish.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PublishPathBenchmark {

    private CompletingTransport transport;
    private SharedPublisher publisher;
    private OutgoingMessage raw;
    private Envelope envelope;

    @Setup
    public void setUp() throws Exception {
        transport = new CompletingTransport();
        TransportConfig config = OptionCatalog.configure(Direction.OUTBOUND, Map.of("transport", "kafka",
                "servers", "unused:9092", "maxInFlight", "1000000"));
        publisher = new SharedPublisher(config.transport(), transport, config.values());
        raw = OutgoingMessage.raw("orders.events", "order-1", new byte[256]);
        envelope = Envelope.builder("OrderPlaced").aggregateId("order-1").payload(new byte[256]).build();
        publisher.publish(raw).join();
    }

    @Benchmark
    public void transportOnly(Blackhole hole) {
        hole.consume(transport.sendRaw(raw));
    }

    @Benchmark
    public void adapterPublish(Blackhole hole) {
        hole.consume(publisher.publish(raw));
    }

    @Benchmark
    public void adapterPublishEnvelope(Blackhole hole) {
        hole.consume(publisher.publish(OutgoingMessage.of("orders.events", envelope)));
    }

    @Benchmark
    @Threads(4)
    public void transportOnly4Threads(Blackhole hole) {
        hole.consume(transport.sendRaw(raw));
    }

    @Benchmark
    @Threads(4)
    public void adapterPublish4Threads(Blackhole hole) {
        hole.consume(publisher.publish(raw));
    }
}
