package dev.conduit.inbound;

import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.work.Work;

import dev.conduit.api.EventListener;

/**
 * One consumer loop of an activation, run as container Work. Owns its endpoint (endpoints are single-threaded)
 * and, in subclasses, its transport consumer. Signals {@code finished} however it ends.
 */
public abstract class ConsumerWork implements Work {

    private static final Logger LOG = Logger.getLogger(ConsumerWork.class.getName());

    protected final StopSignal stop;
    private final EndpointSource endpoints;
    private final CountDownLatch finished;
    private final String name;

    protected ConsumerWork(String name, EndpointSource endpoints, StopSignal stop, CountDownLatch finished) {
        this.name = name;
        this.endpoints = endpoints;
        this.stop = stop;
        this.finished = finished;
    }

    @Override
    public final void run() {
        Thread thread = Thread.currentThread();
        String previousName = thread.getName();
        thread.setName(name);
        MessageEndpoint endpoint = null;
        try {
            endpoint = endpoints.create(stop);
            if (endpoint != null) {
                consume((EventListener) endpoint);
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "Conduit: consumer " + name + " stopped on an unexpected error; events stay "
                    + "unacknowledged and are redelivered to the group", e);
        } finally {
            if (endpoint != null) {
                endpoint.release();
            }
            thread.setName(previousName);
            finished.countDown();
        }
    }

    /** Consumes until {@link #stop} is raised; must acknowledge only events whose delivery completed. */
    protected abstract void consume(EventListener listener);

    /** Wakes the loop if it is blocked in the transport; called from another thread. */
    protected abstract void wakeUp();

    @Override
    public final void release() {
        stop.raise();
        wakeUp();
    }
}
