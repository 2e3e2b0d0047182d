package dev.conduit.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.conduit.api.PublishResult;
import dev.conduit.config.TopicSettings;
import dev.conduit.transport.OutgoingMessage;
import dev.conduit.transport.TopicProvisioner;
import dev.conduit.transport.TopicRegistry;
import dev.conduit.transport.TransportPublisher;

/** A transport whose broker acknowledges instantly: what remains to measure is the adapter's own path. */
final class CompletingTransport implements TransportPublisher {

    private static final PublishResult ACK = new PublishResult("bench", 0, 0, false);

    private final TopicProvisioner topics = TopicProvisioner.local(new TopicRegistry(TopicSettings.EMPTY),
            (topic, options) -> { });

    @Override
    public CompletableFuture<PublishResult> send(OutgoingMessage message) {
        topics.ensure(message.topic());
        return CompletableFuture.completedFuture(ACK);
    }

    /** The same acknowledgement without the topic check: the raw client's share of the path. */
    CompletableFuture<PublishResult> sendRaw(OutgoingMessage message) {
        return CompletableFuture.completedFuture(ACK);
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
    }
}
