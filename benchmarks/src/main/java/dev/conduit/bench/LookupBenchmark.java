package dev.conduit.bench;

import java.time.Duration;
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

import dev.conduit.api.TopicOptions;
import dev.conduit.config.TopicSettings;
import dev.conduit.config.TopicStrategy;
import dev.conduit.transport.TopicProvisioner;
import dev.conduit.transport.TopicRegistry;

/**
 * Lookups done for every published message: the topic's options and the "topic already provisioned" fast path.
 * The origin bus measured its equivalent (handler/topic-config lookups) at 1 M/s before and promised 3-5 M/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LookupBenchmark {

    private TopicRegistry registry;
    private TopicProvisioner provisioner;
    private final String[] topics = new String[64];
    private int next;

    @Setup
    public void setUp() {
        StringBuilder config = new StringBuilder("*:replicas=1");
        for (int i = 0; i < topics.length; i++) {
            topics[i] = "domain.topic-" + i;
            config.append(';').append(topics[i]).append(":partitions=").append(i + 1);
        }
        registry = new TopicRegistry(TopicSettingsParser.parse(config.toString()));
        provisioner = new TopicProvisioner(registry, TopicStrategy.CREATE, Duration.ofSeconds(5)) {
            @Override
            protected String provision(String topic, TopicOptions options, TopicStrategy strategy) {
                return topic;
            }

            @Override
            protected String nameOf(String topic) {
                return topic;
            }
        };
        for (String topic : topics) {
            provisioner.ensure(topic);
        }
    }

    private String nextTopic() {
        next = (next + 1) & (topics.length - 1);
        return topics[next];
    }

    @Benchmark
    @Threads(4)
    public TopicOptions topicOptions4Threads() {
        return registry.options(nextTopic());
    }

    @Benchmark
    @Threads(4)
    public String provisionedFastPath4Threads() {
        return provisioner.ensure(nextTopic());
    }

    /** Parses topicConfig text the way the connection factory does. */
    static final class TopicSettingsParser {
        static TopicSettings parse(String text) {
            try {
                return dev.conduit.config.ConfigValues.parse("bench", java.util.List.of(
                        dev.conduit.config.CommonOptions.TOPIC_CONFIG), java.util.Map.of("topicConfig", text))
                        .get(dev.conduit.config.CommonOptions.TOPIC_CONFIG);
            } catch (dev.conduit.config.InvalidConfigurationException e) {
                throw new IllegalArgumentException(e);
            }
        }
    }
}
