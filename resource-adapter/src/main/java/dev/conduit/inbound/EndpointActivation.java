package dev.conduit.inbound;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.resource.spi.work.WorkAdapter;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;

import dev.conduit.api.AdapterMetrics;
import dev.conduit.metrics.ConsumeMetrics;

/**
 * The running inbound side of one MDB: its works (fetchers and delivery workers), their stop signal and the
 * source's clients, closed once every work has ended. {@link #stop} returns once they have (or the timeout passed),
 * leaving no adapter thread. An activation that failed (failureStrategy=fail) closes its clients as soon as its
 * works ended, and reports why until it is deactivated.
 */
public final class EndpointActivation {

    private static final Logger LOG = Logger.getLogger(EndpointActivation.class.getName());
    /** What to do when works wait for threads, said in the log and in health checks. */
    public static final String WAITING_FOR_THREADS = "the server's WorkManager has no free thread for them. Every "
            + "activation holds concurrency + its fetchers' threads while it runs; raise the pool (WildFly: core-threads "
            + "and max-threads of /subsystem=jca/workmanager=default/long-running-threads=default; Payara: "
            + "max-thread-pool-size of thread-pool-1, or a pool of the adapter's own with create-resource-adapter-config "
            + "--threadpoolid) or lower concurrency";

    private final ActivationName name;
    private final String description;
    private final List<AdapterWork> works;
    private final StopSignal stop;
    private final StopDrain drain;
    private volatile boolean stopping;
    private final ActivationHealth health;
    private final CountDownLatch finished;
    private final AutoCloseable resources;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ConsumeMetrics metrics;
    private final CatchUpTracker catchUp;
    private final BooleanSupplier connected;
    private final IntSupplier buffered;
    /** Works the container has not started yet: its pool may be full, and they wait in its queue for a thread. */
    private final AtomicInteger notStarted = new AtomicInteger();

    EndpointActivation(ActivationName name, List<AdapterWork> works, StopSignal stop, StopDrain drain,
                       ActivationHealth health,
                       AutoCloseable resources, ConsumeMetrics metrics, CatchUpTracker catchUp,
                       BooleanSupplier connected, IntSupplier buffered) {
        this.name = name;
        this.description = name.description();
        this.works = List.copyOf(works);
        this.stop = stop;
        this.drain = drain;
        this.health = health;
        this.finished = new CountDownLatch(works.size());
        this.resources = resources;
        this.metrics = metrics;
        this.catchUp = catchUp;
        this.connected = connected;
        this.buffered = buffered;
        this.works.forEach(work -> {
            work.whenStarted(notStarted::decrementAndGet);
            work.whenFinished(this::workEnded);
        });
    }

    public void start(WorkManager workManager) throws WorkException {
        start(workManager, false);
    }

    /**
     * Schedules the works.
     *
     * @param hintLongRunning mark them long-running (JCA hints), where the container supports it
     */
    public void start(WorkManager workManager, boolean hintLongRunning) throws WorkException {
        notStarted.set(works.size());
        for (AdapterWork work : works) {
            if (hintLongRunning) {
                work.hintLongRunning();
            }
            workManager.scheduleWork(work, WorkManager.INDEFINITE, null, new WorkAdapter() {
                @Override
                public void workRejected(WorkEvent e) {
                    notStarted.decrementAndGet();
                    LOG.severe(() -> "Conduit: the WorkManager rejected " + work.name() + " of " + description + ": "
                            + e.getException());
                    workEnded();
                }
            });
        }
        LOG.info(() -> "Conduit: activated " + description + " with " + works.size() + " work items");
    }

    /** @return {@code true} when every work finished within {@code timeout} */
    public boolean stop(Duration timeout) {
        stopping = true;
        int handedBack = drain.run(timeout.dividedBy(2));
        if (handedBack > 0) {
            LOG.info(() -> "Conduit: " + description + " hands back " + handedBack + " fetched events it did not "
                    + "deliver within stopDrainMs; the group delivers them again");
        }
        stop.raise();
        works.forEach(AdapterWork::release);
        boolean done;
        try {
            done = finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        closeResources();
        if (!done) {
            LOG.warning(() -> "Conduit: works of " + description + " did not finish within " + timeout);
        } else {
            LOG.info(() -> "Conduit: deactivated " + description + " " + metrics.snapshot());
        }
        return done;
    }

    /** Tells {@code listener} why, once the activation stopped on its own (failureStrategy=fail, refused login). */
    public void whenFailed(Consumer<String> listener) {
        health.whenFailed(listener);
    }

    public ActivationStatus status() {
        ConsumeMetrics.Snapshot counts = metrics.snapshot();
        return new ActivationStatus(description, catchUp.mode().name(), catchUp.backlog(), counts.consumed(),
                counts.failedAttempts(), counts.deadLettered(), counts.ignored(), health.failure(),
                !closed.get() && connected.getAsBoolean(),
                stopping || stop.isRaised() || health.isFailed() || finished.getCount() == works.size(),
                notStarted.get(), works.size());
    }

    /**
     * Logs, once, that some of its works still wait for a container thread; called a while after {@link #start}
     * (nothing once it is stopping: deactivated meanwhile, or its start failed).
     * A full pool queues Work without complaint, and queued Work of an activation never starts while the others
     * hold their threads: without this the MDB would silently consume nothing.
     */
    public void warnIfNotStarted(Duration after) {
        int waiting = notStarted.get();
        if (waiting > 0 && !stopping) {
            LOG.warning(() -> "Conduit: " + description + ": " + waiting + " of its " + works.size() + " threads "
                    + "have not started " + after.toSeconds() + " s after activation: " + WAITING_FOR_THREADS);
        }
    }

    /** Its counters, tagged with what it consumes. */
    public AdapterMetrics.Activation metrics() {
        ConsumeMetrics.Snapshot counts = metrics.snapshot();
        return new AdapterMetrics.Activation(name.transport(), name.topics(), name.group(), catchUp.mode().name(),
                catchUp.backlog(), buffered.getAsInt(), counts.consumed(), counts.failedAttempts(),
                counts.deadLettered(), counts.ignored());
    }

    private void workEnded() {
        finished.countDown();
        if (finished.getCount() == 0 && health.isFailed()) {
            closeResources();
        }
    }

    private void closeResources() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            resources.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Conduit: closing the clients of " + description + " failed", e);
        }
    }
}
