package dev.conduit.transport.memory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.conduit.api.PublishResult;
import dev.conduit.config.TopicSettings;
import dev.conduit.transport.OutgoingMessage;
import dev.conduit.transport.TopicProvisioner;
import dev.conduit.transport.TopicRegistry;
import dev.conduit.transport.TransportPublisher;

/** Appends to the adapter's in-memory topics; a publish is acknowledged (or refused) at once. */
final class MemoryPublisher implements TransportPublisher {

    private final MemoryBroker broker;
    private final TopicProvisioner topics;

    MemoryPublisher(MemoryBroker broker, TopicSettings settings) {
        this.broker = broker;
        this.topics = TopicProvisioner.local(new TopicRegistry(settings), broker::topic);
    }

    @Override
    public CompletableFuture<PublishResult> send(OutgoingMessage message) {
        String topic = topics.ensure(message.topic());
        long offset = broker.topic(topic, topics.registry().options(topic))
                .append(message.key(), message.payload(), message.headers());
        return CompletableFuture.completedFuture(new PublishResult(topic, 0, offset, false));
    }

    @Override
    public boolean isFatal(Throwable failure) {
        return false;
    }

    @Override
    public TopicProvisioner topics() {
        return topics;
    }

    @Override
    public void close(Duration timeout) {
        // Nothing to flush: every accepted message is stored already.
    }
}
