package dev.conduit.outbound;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;

/**
 * A pooled connection: cheap, because the physical client is the shared publisher of its configuration. Handles
 * it gives out report their close to the container ({@code CONNECTION_CLOSED}); a publish failure that leaves the
 * client unusable reports {@code CONNECTION_ERROR_OCCURRED} so the pool discards this connection.
 */
public final class ConduitManagedConnection implements ManagedConnection {

    private final ConduitManagedConnectionFactory factory;
    private final SharedPublisher publisher;
    private final Runnable releasePublisher;
    private final Set<ConduitConnection> handles = ConcurrentHashMap.newKeySet();
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean destroyed = new AtomicBoolean();
    private final AtomicBoolean errorReported = new AtomicBoolean();
    private volatile PrintWriter logWriter;

    ConduitManagedConnection(ConduitManagedConnectionFactory factory, SharedPublisher publisher,
                             Runnable releasePublisher) {
        this.factory = factory;
        this.publisher = publisher;
        this.releasePublisher = releasePublisher;
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        if (destroyed.get()) {
            throw new jakarta.resource.spi.IllegalStateException("managed connection already destroyed");
        }
        ConduitConnection handle = new ConduitConnection(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof ConduitConnection handle)) {
            throw new ResourceException("cannot associate " + connection + ": not a Conduit connection handle");
        }
        handle.associate(this);
        handles.add(handle);
    }

    @Override
    public void cleanup() {
        handles.forEach(ConduitConnection::invalidate);
        handles.clear();
    }

    @Override
    public void destroy() {
        if (destroyed.compareAndSet(false, true)) {
            cleanup();
            releasePublisher.run();
        }
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("Conduit connections are not transactional: publishing happens at once");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("Conduit connections are not transactional: publishing happens at once");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ConduitManagedConnectionMetaData(publisher.transport());
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    SharedPublisher publisher() {
        return publisher;
    }

    ConduitManagedConnectionFactory factory() {
        return factory;
    }

    boolean isUsable() {
        return !destroyed.get() && !errorReported.get() && !publisher.isClosed();
    }

    void handleClosed(ConduitConnection handle) {
        if (handles.remove(handle)) {
            ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
            event.setConnectionHandle(handle);
            listeners.forEach(listener -> listener.connectionClosed(event));
        }
    }

    void publishFailed(Throwable failure) {
        if (publisher.isFatal(failure) && errorReported.compareAndSet(false, true)) {
            Exception cause = failure instanceof Exception e ? e : new ResourceException(failure);
            ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, cause);
            listeners.forEach(listener -> listener.connectionErrorOccurred(event));
        }
    }
}
