package dev.conduit.testsupport;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkContextProvider;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;

/**
 * A WorkManager standing in for the container's: one thread per Work, all remembered so tests can check them; with
 * {@link #limitThreads} a pool that is full.
 */
public final class ThreadWorkManager implements WorkManager {

    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Queue<Runnable> queued = new ArrayDeque<>();
    private int maxThreads = Integer.MAX_VALUE;
    private int running;
    private final AtomicInteger longRunning = new AtomicInteger();

    /** How many Works came marked long-running (JCA hints). */
    public int longRunning() {
        return longRunning.get();
    }

    public List<Thread> threads() {
        return threads;
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
    public long startWork(Work work) {
        scheduleWork(work);
        return 0;
    }

    @Override
    public long startWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        scheduleWork(work, startTimeout, context, listener);
        return 0;
    }

    @Override
    public void scheduleWork(Work work) {
        scheduleWork(work, INDEFINITE, null, null);
    }

    @Override
    public void scheduleWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        if (work instanceof WorkContextProvider provider && provider.getWorkContexts().stream()
                .anyMatch(c -> c instanceof HintsContext hints
                        && Boolean.TRUE.equals(hints.getHints().get(HintsContext.LONGRUNNING_HINT)))) {
            longRunning.incrementAndGet();
        }
        Runnable start = () -> {
            Thread thread = new Thread(() -> {
                if (listener != null) {
                    listener.workStarted(new WorkEvent(this, WorkEvent.WORK_STARTED, work, null));
                }
                try {
                    work.run();
                } finally {
                    if (listener != null) {
                        listener.workCompleted(new WorkEvent(this, WorkEvent.WORK_COMPLETED, work, null));
                    }
                    threadEnded();
                }
            }, "test-work-" + threads.size());
            threads.add(thread);
            thread.start();
        };
        synchronized (this) {
            if (running >= maxThreads) {
                // As a container's pool does when all its threads are busy: queued until one is free.
                queued.add(start);
                return;
            }
            running++;
        }
        start.run();
    }

    /**
     * Runs at most {@code max} works at once from now on, queueing the rest as a full container pool does; raising
     * it starts what waits.
     */
    public void limitThreads(int max) {
        List<Runnable> toStart = new ArrayList<>();
        synchronized (this) {
            maxThreads = max;
            while (running < maxThreads && !queued.isEmpty()) {
                running++;
                toStart.add(queued.poll());
            }
        }
        toStart.forEach(Runnable::run);
    }

    private void threadEnded() {
        Runnable next;
        synchronized (this) {
            next = queued.poll();
            if (next == null) {
                running--;
                return;
            }
        }
        next.run();
    }
}
