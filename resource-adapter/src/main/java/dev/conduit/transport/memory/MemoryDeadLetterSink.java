package dev.conduit.transport.memory;


import dev.conduit.api.IncomingEvent;
import dev.conduit.config.TopicSettings;
import dev.conduit.inbound.DeadLetter;
import dev.conduit.inbound.DeadLetterSink;

/** Appends dead letters to an in-memory topic ({@code <topic>.DLT} unless one is configured), with the reason. */
final class MemoryDeadLetterSink implements DeadLetterSink {

    private final MemoryBroker broker;
    private final TopicSettings settings;
    private final String fixedTopic;

    MemoryDeadLetterSink(MemoryBroker broker, TopicSettings settings, String fixedTopic) {
        this.broker = broker;
        this.settings = settings;
        this.fixedTopic = fixedTopic;
    }

    @Override
    public void send(IncomingEvent event, String reason) {
        DeadLetter letter = DeadLetter.of(event, reason, fixedTopic);
        broker.topic(letter.topic(), settings.optionsFor(letter.topic()))
                .append(letter.key(), letter.payload(), letter.headers());
    }

    @Override
    public void close() {
    }
}
