package dev.conduit.transport.memory;

import java.util.ArrayList;
import java.util.List;

import jakarta.resource.ResourceException;

import dev.conduit.config.CommonOptions;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.InboundOptions;
import dev.conduit.config.InboundOptions.StartPosition;
import dev.conduit.config.TopicSettings;
import dev.conduit.inbound.AdapterWork;
import dev.conduit.inbound.DeadLetterSink;
import dev.conduit.inbound.EventSource;
import dev.conduit.inbound.SourceContext;

/**
 * The in-memory side of an activation: the group's cursor on each of its topics, read by one {@link MemoryPoller}.
 * Closing it leaves the topics, so what was fetched but not completed is read again by the next activation.
 */
final class MemorySource implements EventSource {

    private final List<MemoryTopic> topics;
    private final List<MemoryTopic.Cursor> cursors;
    private final Wakeup wakeup;
    private final MemoryDeadLetterSink deadLetters;

    private MemorySource(List<MemoryTopic> topics, List<MemoryTopic.Cursor> cursors, Wakeup wakeup,
                         MemoryDeadLetterSink deadLetters) {
        this.topics = topics;
        this.cursors = cursors;
        this.wakeup = wakeup;
        this.deadLetters = deadLetters;
    }

    static MemorySource open(MemoryBroker broker, ConfigValues config) throws ResourceException {
        TopicSettings settings = config.get(CommonOptions.TOPIC_CONFIG);
        String group = config.get(InboundOptions.GROUP_ID);
        boolean latest = config.get(InboundOptions.START_POSITION) == StartPosition.LATEST;
        Wakeup wakeup = new Wakeup();
        List<MemoryTopic> topics = new ArrayList<>();
        List<MemoryTopic.Cursor> cursors = new ArrayList<>();
        try {
            for (String name : config.get(InboundOptions.TOPICS)) {
                MemoryTopic topic = broker.topic(name, settings.optionsFor(name));
                cursors.add(topic.join(group, latest, wakeup::signal));
                topics.add(topic);
            }
        } catch (IllegalStateException e) {
            for (int i = 0; i < cursors.size(); i++) {
                topics.get(i).leave(cursors.get(i), wakeup::signal);
            }
            throw new ResourceException(e.getMessage(), e);
        }
        return new MemorySource(topics, cursors, wakeup, new MemoryDeadLetterSink(broker, settings,
                config.get(InboundOptions.DEAD_LETTER_TOPIC)));
    }

    @Override
    public DeadLetterSink deadLetters() {
        return deadLetters;
    }

    @Override
    public List<AdapterWork> fetchers(SourceContext context) {
        return List.of(new MemoryPoller(context.name() + "-poller", topics, cursors, wakeup, context));
    }

    @Override
    public void close() {
        for (int i = 0; i < topics.size(); i++) {
            topics.get(i).leave(cursors.get(i), wakeup::signal);
        }
    }
}
