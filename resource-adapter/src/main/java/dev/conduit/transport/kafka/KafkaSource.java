package dev.conduit.transport.kafka;

import java.util.List;
import java.util.Properties;

import dev.conduit.inbound.AdapterWork;
import dev.conduit.inbound.DeadLetterSink;
import dev.conduit.inbound.EventSource;
import dev.conduit.inbound.SourceContext;

/**
 * The Kafka side of an activation: one consumer (one group member for all the MDB's topics) polled by one
 * {@link KafkaPoller}, which also commits; dead letters go through their own producer.
 */
final class KafkaSource implements EventSource {

    private final Properties consumerProperties;
    private final KafkaDeadLetterSink deadLetters;
    private final String servers;
    private volatile KafkaPoller poller;

    KafkaSource(Properties consumerProperties, KafkaDeadLetterSink deadLetters, String servers) {
        this.consumerProperties = consumerProperties;
        this.deadLetters = deadLetters;
        this.servers = servers;
    }

    @Override
    public DeadLetterSink deadLetters() {
        return deadLetters;
    }

    @Override
    public List<AdapterWork> fetchers(SourceContext context) {
        poller = new KafkaPoller(context.name() + "-poller", consumerProperties, context);
        return List.of(poller);
    }

    @Override
    public boolean connected() {
        KafkaPoller current = poller;
        return current == null || current.connected();
    }

    @Override
    public String where() {
        return servers;
    }

    @Override
    public void close() {
        // The consumer belongs to the poller's thread and is closed there; the dead-letter producer by the pipeline.
    }
}
