package dev.conduit.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.conduit.ordering.AggregateDispatcher;

/**
 * The ordered hand-off between a poller and delivery workers: one thread offers events of 1,000 aggregates, two
 * threads run them. Measures what the per-aggregate ordering costs per event, without any broker.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DispatcherBenchmark {

    private static final Duration WAIT = Duration.ofMillis(1);

    private AggregateDispatcher<Integer> dispatcher;
    private final String[] aggregates = new String[1024];
    private int next;

    @Setup
    public void setUp() {
        dispatcher = new AggregateDispatcher<>(4096, 2);
        for (int i = 0; i < aggregates.length; i++) {
            aggregates[i] = "aggregate-" + i;
        }
    }

    @Benchmark
    @Group("ordered")
    @GroupThreads(1)
    public boolean offer() throws InterruptedException {
        next = (next + 1) & (aggregates.length - 1);
        return dispatcher.offer(aggregates[next], next, WAIT);
    }

    @Benchmark
    @Group("ordered")
    @GroupThreads(2)
    public boolean deliver(Blackhole hole) throws InterruptedException {
        return dispatcher.runNext(WAIT, hole::consume);
    }
}
