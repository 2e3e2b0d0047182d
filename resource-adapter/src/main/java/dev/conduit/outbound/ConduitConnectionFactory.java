package dev.conduit.outbound;

import javax.naming.Reference;

import java.util.List;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

import dev.conduit.adapter.ConduitResourceAdapter;
import dev.conduit.api.AdapterHealth;
import dev.conduit.api.AdapterMetrics;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.api.EventStreamException;

/** The object bound in JNDI; hands out handles through the container's pool. */
public final class ConduitConnectionFactory implements EventStreamConnectionFactory {

    private static final long serialVersionUID = 1L;

    private final ConduitManagedConnectionFactory managedFactory;
    private final transient ConnectionManager connectionManager;
    private Reference reference;

    ConduitConnectionFactory(ConduitManagedConnectionFactory managedFactory, ConnectionManager connectionManager) {
        this.managedFactory = managedFactory;
        this.connectionManager = connectionManager;
    }

    @Override
    public EventStreamConnection getConnection() {
        try {
            return (EventStreamConnection) connectionManager.allocateConnection(managedFactory, null);
        } catch (ResourceException e) {
            throw new EventStreamException("could not get a " + managedFactory.getTransport()
                    + " connection from the pool: " + e.getMessage(), e);
        }
    }

    @Override
    public AdapterHealth health() {
        if (!(managedFactory.getResourceAdapter() instanceof ConduitResourceAdapter adapter)) {
            return AdapterHealth.of(List.of(new AdapterHealth.Check("resource adapter", false, "this connection "
                    + "factory is not associated with the Conduit resource adapter")), true);
        }
        return adapter.health();
    }

    @Override
    public AdapterMetrics metrics() {
        if (!(managedFactory.getResourceAdapter() instanceof ConduitResourceAdapter adapter)) {
            return new AdapterMetrics(List.of(), List.of());
        }
        return adapter.metrics();
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
