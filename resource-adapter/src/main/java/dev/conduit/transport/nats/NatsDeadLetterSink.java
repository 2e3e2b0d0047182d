package dev.conduit.transport.nats;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.PublishOptions;

import dev.conduit.api.IncomingEvent;
import dev.conduit.inbound.DeadLetterSink;
import dev.conduit.ordering.AggregateIds;

/** Writes dead letters to a JetStream subject ({@code <topic>.DLT} by default), waiting for the server's ack. */
final class NatsDeadLetterSink implements DeadLetterSink {

    private final JetStream jetStream;
    private final NatsStreams streams;
    private final String fixedTopic;

    NatsDeadLetterSink(Connection connection, NatsStreams streams, String fixedTopic) throws java.io.IOException {
        this.jetStream = connection.jetStream();
        this.streams = streams;
        this.fixedTopic = fixedTopic;
    }

    @Override
    public void send(IncomingEvent event, String reason) throws Exception {
        String topic = fixedTopic == null || fixedTopic.isBlank() ? event.topic() + ".DLT" : fixedTopic;
        streams.ensure(topic);
        Map<String, String> headers = new LinkedHashMap<>(event.headers());
        headers.put(HEADER_TOPIC, event.topic());
        headers.put(HEADER_PARTITION, Integer.toString(event.partition()));
        headers.put(HEADER_POSITION, Long.toString(event.position()));
        headers.put(HEADER_REASON, reason);
        // The original stream sequence identifies the event: a retried dead-letter write is stored once.
        PublishOptions options = PublishOptions.builder()
                .messageId("dlt-" + event.topic() + "-" + event.position()).streamTimeout(Duration.ofSeconds(30))
                .build();
        jetStream.publish(streams.subject(topic, AggregateIds.of(event)), NatsHeaderMapping.toNats(headers), event.payload(),
                options);
    }

    @Override
    public void close() {
        // The connection belongs to the activation and is closed with it.
    }
}
