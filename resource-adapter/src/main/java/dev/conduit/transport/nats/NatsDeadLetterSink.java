package dev.conduit.transport.nats;

import java.time.Duration;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.PublishOptions;

import dev.conduit.api.IncomingEvent;
import dev.conduit.inbound.DeadLetter;
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
        DeadLetter letter = DeadLetter.of(event, reason, fixedTopic);
        streams.ensure(letter.topic());
        // The original stream sequence identifies the event: a retried dead-letter write is stored once.
        PublishOptions options = PublishOptions.builder()
                .messageId("dlt-" + event.topic() + "-" + event.position()).streamTimeout(Duration.ofSeconds(30))
                .build();
        jetStream.publish(streams.subject(letter.topic(), AggregateIds.of(event)),
                NatsHeaderMapping.toNats(letter.headers()), letter.payload(), options);
    }

    @Override
    public void close() {
        // The connection belongs to the activation and is closed with it.
    }
}
