package dev.conduit.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.conduit.api.Envelope;
import dev.conduit.config.ConfigValues;
import dev.conduit.outbound.SharedPublisher;
import dev.conduit.testsupport.Configs;
import dev.conduit.testsupport.TestBroker;
import dev.conduit.transport.AdapterScope;
import dev.conduit.transport.OutgoingMessage;
import dev.conduit.transport.TransportConfig;

/**
 * Publishes the tests' events with the adapter's own publisher (not through the connector under test): envelopes
 * with aggregate id {@code <topic>-<n>} and header {@code seq} numbering each aggregate's events from 0.
 */
final class Events implements AutoCloseable {

    private final AdapterScope scope = new AdapterScope();
    private final SharedPublisher publisher;

    Events(TestBroker broker) throws Exception {
        TransportConfig config = broker.servers() == null
                ? Configs.outbound("transport", broker.transport(), "maxInFlight", "2000")
                : Configs.outbound("transport", broker.transport(), "servers", broker.servers(), "maxInFlight",
                        "2000");
        ConfigValues values = config.values();
        publisher = new SharedPublisher(config.transport(), config.transport().publisher(values, scope), values);
    }

    static Envelope envelope(String aggregate, int seq) {
        return Envelope.builder("OrderPlaced").aggregateId(aggregate).header("seq", Integer.toString(seq))
                .payload((aggregate + "#" + seq).getBytes(StandardCharsets.UTF_8)).build();
    }

    /** Publishes event {@code seq} of every aggregate of every topic, without waiting for the acks. */
    List<CompletableFuture<?>> publishRound(List<String> topics, int aggregates, int seq) {
        List<CompletableFuture<?>> acks = new ArrayList<>(topics.size() * aggregates);
        for (String topic : topics) {
            for (int a = 0; a < aggregates; a++) {
                acks.add(publisher.publish(OutgoingMessage.of(topic, envelope(topic + "-" + a, seq))));
            }
        }
        return acks;
    }

    /**
     * Events {@code from..to-1} of every aggregate, round by round, each round acknowledged before the next starts;
     * returns how many events were published.
     */
    int publish(List<String> topics, int aggregates, int from, int to) throws Exception {
        for (int seq = from; seq < to; seq++) {
            CompletableFuture.allOf(publishRound(topics, aggregates, seq).toArray(new CompletableFuture<?>[0]))
                    .get(60, TimeUnit.SECONDS);
        }
        return topics.size() * aggregates * (to - from);
    }

    @Override
    public void close() {
        publisher.close();
        scope.close();
    }
}
