package dev.conduit.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;

/**
 * The adapter's pipeline runs its fetchers and delivery workers as JCA {@code Work}; outside a resource adapter
 * there is no container WorkManager, so each work of a channel gets a thread of its own (the work names it
 * {@code conduit-<transport>-<group>-...} while it runs). {@link #awaitGone} checks that they ended.
 */
final class ChannelThreads implements WorkManager {

    private final String channel;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    ChannelThreads(String channel) {
        this.channel = channel;
    }

    @Override
    public void scheduleWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener)
            throws WorkException {
        Thread thread = new Thread(work, "conduit-channel-" + channel + "-" + threads.size());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    @Override
    public void scheduleWork(Work work) throws WorkException {
        scheduleWork(work, INDEFINITE, null, null);
    }

    @Override
    public void doWork(Work work) {
        work.run();
    }

    @Override
    public void doWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        work.run();
    }

    @Override
    public long startWork(Work work) throws WorkException {
        scheduleWork(work);
        return 0;
    }

    @Override
    public long startWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener)
            throws WorkException {
        scheduleWork(work, startTimeout, context, listener);
        return 0;
    }

    /** @return {@code true} when every thread ended within {@code timeout} */
    boolean awaitGone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(thread, left);
            }
            if (thread.isAlive()) {
                return false;
            }
        }
        return true;
    }
}
