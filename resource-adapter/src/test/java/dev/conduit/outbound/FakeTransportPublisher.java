package dev.conduit.outbound;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import dev.conduit.api.PublishResult;
import dev.conduit.transport.OutgoingMessage;
import dev.conduit.transport.TransportPublisher;

/** Records what it was asked to send; acknowledges at once or when the test says so. */
final class FakeTransportPublisher implements TransportPublisher {

    final Queue<OutgoingMessage> sent = new ConcurrentLinkedQueue<>();
    final Queue<CompletableFuture<PublishResult>> pending = new ConcurrentLinkedQueue<>();
    final AtomicInteger closes = new AtomicInteger();
    private final boolean acknowledgeAtOnce;
    private final AtomicInteger position = new AtomicInteger();

    FakeTransportPublisher(boolean acknowledgeAtOnce) {
        this.acknowledgeAtOnce = acknowledgeAtOnce;
    }

    @Override
    public CompletableFuture<PublishResult> send(OutgoingMessage message) {
        sent.add(message);
        CompletableFuture<PublishResult> future = new CompletableFuture<>();
        if (acknowledgeAtOnce) {
            future.complete(new PublishResult(message.topic(), 0, position.getAndIncrement(), false));
        } else {
            pending.add(future);
        }
        return future;
    }

    void acknowledgeOne() {
        CompletableFuture<PublishResult> next = pending.poll();
        next.complete(new PublishResult("t", 0, position.getAndIncrement(), false));
    }

    @Override
    public boolean isFatal(Throwable failure) {
        return false;
    }

    @Override
    public dev.conduit.transport.TopicProvisioner topics() {
        return NoTopics.INSTANCE;
    }

    @Override
    public void close(Duration timeout) {
        closes.incrementAndGet();
    }
}
