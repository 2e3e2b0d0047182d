package dev.conduit.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/** Publish->consume latencies of the stamped messages (sequence >= 0), first delivery each. */
final class Latencies {
    private final AtomicLongArray nanos;
    private final AtomicInteger received = new AtomicInteger();
    private final CountDownLatch all = new CountDownLatch(1);
    private final CountDownLatch ready = new CountDownLatch(1);

    Latencies(int expected) {
        nanos = new AtomicLongArray(expected);
    }

    void record(byte[] payload) {
        long now = System.nanoTime();
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        long sent = buffer.getLong();
        int sequence = buffer.getInt();
        if (sequence < 0) {
            ready.countDown();
            return;
        }
        if (nanos.compareAndSet(sequence, 0, now - sent)
                && received.incrementAndGet() == nanos.length()) {
            all.countDown();
        }
    }

    /** Waits until the consumer received the start marker: it is subscribed, assigned and caught up. */
    void awaitReady() throws InterruptedException {
        if (!ready.await(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the consumer did not receive the start marker");
        }
    }

    boolean complete() {
        return all.getCount() == 0;
    }

    void await() throws InterruptedException {
        if (!all.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("only " + received.get() + " of " + nanos.length() + " arrived");
        }
    }

    long percentileMicros(double percentile) {
        long[] sorted = new long[nanos.length()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = nanos.get(i);
        }
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000;
    }
}
