package dev.conduit.bench.e2e;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.nats.client.Connection;
import io.nats.client.ConsumeOptions;
import io.nats.client.ConsumerContext;
import io.nats.client.MessageConsumer;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;

/** The raw client: jnats' own pull consumer ({@code consume}) on a durable consumer, acking every message. */
final class RawNatsContender implements Contender {

    private final Connection connection;
    private final String stream;
    private final String subject;
    private final Publishers publishers;

    RawNatsContender(Connection connection, String stream, String subject, Publishers publishers) {
        this.connection = connection;
        this.stream = stream;
        this.subject = subject;
        this.publishers = publishers;
    }

    @Override
    public String name() {
        return "raw jnats consumer";
    }

    @Override
    public String transport() {
        return "nats";
    }

    @Override
    public double run(int events) throws Exception {
        ConsumerContext context = connection.getStreamContext(stream).createOrUpdateConsumer(
                ConsumerConfiguration.builder().durable("bench-raw").filterSubject(subject)
                        .ackPolicy(AckPolicy.Explicit).maxAckPending(10_000).build());
        AtomicLong count = new AtomicLong();
        CompletableFuture<Void> consumed = new CompletableFuture<>();
        try (MessageConsumer consumer = context.consume(ConsumeOptions.builder().batchSize(500).build(), message -> {
            message.ack();
            if (count.incrementAndGet() == events) {
                consumed.complete(null);
            }
        })) {
            long start = System.nanoTime();
            publishers.publish("nats", subject, events);
            consumed.get(3, TimeUnit.MINUTES);
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
