package dev.conduit.transport.memory;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.conduit.api.IncomingEvent;
import dev.conduit.config.TopicSettings;
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
        String topic = fixedTopic == null || fixedTopic.isBlank() ? event.topic() + ".DLT" : fixedTopic;
        Map<String, String> headers = new LinkedHashMap<>(event.headers());
        headers.put(HEADER_TOPIC, event.topic());
        headers.put(HEADER_PARTITION, Integer.toString(event.partition()));
        headers.put(HEADER_POSITION, Long.toString(event.position()));
        headers.put(HEADER_REASON, reason);
        broker.topic(topic, settings.optionsFor(topic)).append(event.key(), event.payload(), headers);
    }

    @Override
    public void close() {
    }
}
