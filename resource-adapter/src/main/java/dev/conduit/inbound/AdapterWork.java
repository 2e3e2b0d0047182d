package dev.conduit.inbound;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;

/**
 * A long-running piece of an activation (a fetcher or a delivery worker), run as container Work under its own
 * name. Runs its finish callbacks however it ends; {@link #release()} (the container's or the activation's stop)
 * raises the activation's stop signal.
 */
public abstract class AdapterWork implements Work, WorkContextProvider {

    private static final Logger LOG = Logger.getLogger(AdapterWork.class.getName());

    protected final StopSignal stop;
    private final String name;
    private volatile List<WorkContext> contexts = List.of();
    private volatile Runnable onStarted = () -> { };
    private volatile Runnable onFinished = () -> { };

    protected AdapterWork(String name, StopSignal stop) {
        this.name = name;
        this.stop = stop;
    }

    /**
     * Tells the container that this Work runs as long as its activation (JCA {@link HintsContext#LONGRUNNING_HINT}),
     * so it can run it on threads meant for that: WildFly's work manager has a long-running pool. Only for a
     * container that supports hints, as one that does not must refuse Work carrying them. Before scheduling.
     */
    final void hintLongRunning() {
        HintsContext hints = new HintsContext();
        hints.setName(name);
        hints.setHint(HintsContext.LONGRUNNING_HINT, Boolean.TRUE);
        contexts = List.of(hints);
    }

    @Override
    public List<WorkContext> getWorkContexts() {
        return contexts;
    }

    /** Sets the callback run when a container thread starts the work; only before it is scheduled. */
    final void whenStarted(Runnable callback) {
        onStarted = callback;
    }

    /** Adds a callback run when the work ends; only before it is scheduled. */
    final void whenFinished(Runnable callback) {
        Runnable before = onFinished;
        onFinished = () -> {
            before.run();
            callback.run();
        };
    }

    @Override
    public final void run() {
        Thread thread = Thread.currentThread();
        String previousName = thread.getName();
        thread.setName(name);
        onStarted.run();
        try {
            execute();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "Conduit: " + name + " stopped on an unexpected error; events it held stay "
                    + "unacknowledged and are delivered again", e);
        } finally {
            thread.setName(previousName);
            onFinished.run();
        }
    }

    /** Runs until {@link #stop} is raised. */
    protected abstract void execute();

    /** Wakes the work if it is blocked in a transport call; called from another thread. */
    protected void wakeUp() {
    }

    @Override
    public final void release() {
        stop.raise();
        wakeUp();
    }

    public String name() {
        return name;
    }
}
