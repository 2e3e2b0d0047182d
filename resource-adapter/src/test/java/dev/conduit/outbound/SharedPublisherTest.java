package dev.conduit.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.conduit.api.BackPressureException;
import dev.conduit.api.ConnectionClosedException;
import dev.conduit.api.InvalidTopicException;
import dev.conduit.api.MessageTooLargeException;
import dev.conduit.api.PublishResult;
import dev.conduit.config.Direction;
import dev.conduit.transport.OptionCatalog;
import dev.conduit.transport.OutgoingMessage;
import dev.conduit.transport.TransportConfig;

class SharedPublisherTest {

    private static final int THREADS = 16;

    @Test
    void manyThreadsPublishWithoutLosingOrDuplicatingAMessage() throws Exception {
        FakeTransportPublisher transport = new FakeTransportPublisher(true);
        SharedPublisher publisher = publisher(transport, Map.of("maxInFlight", "64"));
        int perThread = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<List<CompletableFuture<PublishResult>>>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                start.await();
                List<CompletableFuture<PublishResult>> acks = new ArrayList<>(perThread);
                for (int i = 0; i < perThread; i++) {
                    acks.add(publisher.publish(OutgoingMessage.raw("orders", thread + "-" + i, new byte[8])));
                }
                return acks;
            }));
        }
        start.countDown();
        Set<Long> positions = new HashSet<>();
        for (Future<List<CompletableFuture<PublishResult>>> result : results) {
            for (CompletableFuture<PublishResult> ack : result.get(60, TimeUnit.SECONDS)) {
                positions.add(ack.join().position());
            }
        }
        pool.shutdown();

        int total = THREADS * perThread;
        assertThat(positions).hasSize(total);
        assertThat(transport.sent).hasSize(total);
        assertThat(transport.sent.stream().map(OutgoingMessage::key).distinct().count()).isEqualTo(total);
        assertThat(publisher.metrics().published()).isEqualTo(total);
        assertThat(publisher.metrics().inFlight()).isZero();
    }

    @Test
    void backPressureWaitsForRoomThenFailsClearly() throws Exception {
        FakeTransportPublisher transport = new FakeTransportPublisher(false);
        SharedPublisher publisher = publisher(transport, Map.of("maxInFlight", "4", "publishTimeoutMs", "50"));
        for (int i = 0; i < 4; i++) {
            publisher.publish(OutgoingMessage.raw("orders", null, new byte[1]));
        }

        assertThatThrownBy(() -> publisher.publish(OutgoingMessage.raw("orders", null, new byte[1])))
                .isInstanceOf(BackPressureException.class)
                .hasMessageContaining("4 publishes were still unacknowledged after waiting 50 ms; nothing was sent");
        assertThat(transport.sent).hasSize(4);

        // A waiting publisher proceeds as soon as an acknowledgement frees room.
        SharedPublisher patient = publisher(transport, Map.of("maxInFlight", "1", "publishTimeoutMs", "30000"));
        patient.publish(OutgoingMessage.raw("orders", null, new byte[1]));
        CompletableFuture<CompletableFuture<PublishResult>> waiting = CompletableFuture.supplyAsync(
                () -> patient.publish(OutgoingMessage.raw("orders", "second", new byte[1])));
        assertThat(waiting).isNotDone();
        transport.pending.stream().skip(4).findFirst().orElseThrow().complete(new PublishResult("orders", 0, 1, false));
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(transport.sent).extracting(OutgoingMessage::key).contains("second");
    }

    @Test
    void refusesBadInputBeforeSendingAndKeepsNoPermit() throws Exception {
        FakeTransportPublisher transport = new FakeTransportPublisher(true);
        SharedPublisher publisher = publisher(transport, Map.of("maxInFlight", "1", "maxMessageBytes", "10"));

        assertThatThrownBy(() -> publisher.publish(OutgoingMessage.raw(null, null, new byte[1])))
                .isInstanceOf(InvalidTopicException.class).hasMessage("topic must not be null or blank");
        assertThatThrownBy(() -> publisher.publish(OutgoingMessage.raw("  ", null, new byte[1])))
                .isInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> publisher.publish(OutgoingMessage.raw("orders/eu", null, new byte[1])))
                .isInstanceOf(InvalidTopicException.class).hasMessageContaining("contains '/'");
        assertThatThrownBy(() -> publisher.publish(OutgoingMessage.raw("orders", null, new byte[11])))
                .isInstanceOf(MessageTooLargeException.class)
                .hasMessageContaining("has 11 bytes; the connection factory's maxMessageBytes is 10");
        assertThatThrownBy(() -> publisher.publish(OutgoingMessage.raw("orders", null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload must not be null");
        assertThat(transport.sent).isEmpty();
        assertThat(publisher.metrics().rejected()).isEqualTo(5);

        assertThat(publisher.publish(OutgoingMessage.raw("orders", null, new byte[10])).join()).isNotNull();
    }

    @Test
    void closeIsIdempotentUnderConcurrencyAndNothingAcceptedIsLost() throws Exception {
        FakeTransportPublisher transport = new FakeTransportPublisher(true);
        SharedPublisher publisher = publisher(transport, Map.of());
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            tasks.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 5_000; i++) {
                    if (thread == 0 && i == 2_500) {
                        publisher.close();
                    }
                    try {
                        publisher.publish(OutgoingMessage.raw("orders", null, new byte[1])).join();
                        accepted.incrementAndGet();
                    } catch (ConnectionClosedException e) {
                        refused.incrementAndGet();
                    }
                }
                publisher.close();
                return null;
            }));
        }
        start.countDown();
        for (Future<?> task : tasks) {
            task.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(transport.closes).hasValue(1);
        assertThat(refused.get()).isPositive();
        assertThat(accepted.get() + refused.get()).isEqualTo(THREADS * 5_000);
        assertThat(transport.sent).hasSize(accepted.get());
        assertThatThrownBy(() -> publisher.publish(OutgoingMessage.raw("orders", null, new byte[1])))
                .isInstanceOf(ConnectionClosedException.class).hasMessageContaining("publisher is closed");
    }

    private static SharedPublisher publisher(FakeTransportPublisher transport, Map<String, String> settings)
            throws Exception {
        Map<String, String> raw = new java.util.HashMap<>(settings);
        raw.put("transport", "kafka");
        raw.put("servers", "unused:9092");
        TransportConfig config = OptionCatalog.configure(Direction.OUTBOUND, raw);
        return new SharedPublisher(config.transport(), transport, config.values());
    }
}
