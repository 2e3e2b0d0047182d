package dev.conduit.inbound;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;

import dev.conduit.metrics.ConsumeMetrics;

/**
 * The running inbound side of one MDB: its consumer works, their stop signal and the clients they share
 * (dead-letter producer, connection), closed once the consumers are done.
 * {@link #stop} returns once every consumer has finished (or the timeout passed), leaving no adapter thread.
 */
public final class EndpointActivation {

    private static final Logger LOG = Logger.getLogger(EndpointActivation.class.getName());

    private final String description;
    private final List<AdapterWork> works;
    private final StopSignal stop;
    private final CountDownLatch finished;
    private final AutoCloseable resources;
    private final ConsumeMetrics metrics;

    private final ActivationState state;

    public EndpointActivation(String description, List<AdapterWork> works, StopSignal stop,
                              CountDownLatch finished, AutoCloseable resources, ConsumeMetrics metrics,
                              ActivationState state) {
        this.description = description;
        this.works = List.copyOf(works);
        this.stop = stop;
        this.finished = finished;
        this.resources = resources;
        this.metrics = metrics;
        this.state = state;
    }

    public void start(WorkManager workManager) throws WorkException {
        for (AdapterWork work : works) {
            workManager.scheduleWork(work, WorkManager.INDEFINITE, null, new WorkListener() {
                @Override
                public void workAccepted(WorkEvent e) {
                }

                @Override
                public void workRejected(WorkEvent e) {
                    LOG.severe(() -> "Conduit: the WorkManager rejected a consumer of " + description + ": "
                            + e.getException());
                    finished.countDown();
                }

                @Override
                public void workStarted(WorkEvent e) {
                }

                @Override
                public void workCompleted(WorkEvent e) {
                }
            });
        }
        LOG.info(() -> "Conduit: activated " + description + " with " + works.size() + " work items");
    }

    /** @return {@code true} when every consumer finished within {@code timeout} */
    public boolean stop(Duration timeout) {
        stop.raise();
        works.forEach(AdapterWork::release);
        boolean done;
        try {
            done = finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        try {
            resources.close();
        } catch (Exception e) {
            LOG.log(java.util.logging.Level.WARNING, "Conduit: closing the clients of " + description + " failed", e);
        }
        if (!done) {
            LOG.warning(() -> "Conduit: consumers of " + description + " did not finish within " + timeout);
        } else {
            LOG.info(() -> "Conduit: deactivated " + description + " " + metrics.snapshot());
        }
        return done;
    }

    public ActivationStatus status() {
        ConsumeMetrics.Snapshot counts = metrics.snapshot();
        return new ActivationStatus(description, state.mode().name(), state.backlog(), counts.consumed(),
                counts.failedAttempts(), counts.deadLettered());
    }
}
