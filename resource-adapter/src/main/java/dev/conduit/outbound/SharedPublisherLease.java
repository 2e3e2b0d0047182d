package dev.conduit.outbound;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.resource.ResourceException;

import dev.conduit.adapter.ConduitResourceAdapter;
import dev.conduit.transport.TransportConfig;

/** One managed connection's share of a physical publisher; released exactly once. */
record SharedPublisherLease(ConduitResourceAdapter adapter, SharedPublisher publisher, AtomicBoolean released) {

    static SharedPublisherLease acquire(ConduitResourceAdapter adapter, TransportConfig config) throws ResourceException {
        try {
            return new SharedPublisherLease(adapter, adapter.sharedPublishers().acquire(config), new AtomicBoolean());
        } catch (IllegalStateException e) {
            throw new jakarta.resource.spi.IllegalStateException(e.getMessage());
        } catch (dev.conduit.api.EventStreamException e) {
            throw new jakarta.resource.spi.CommException(e.getMessage(), e);
        }
    }

    void release() {
        if (released.compareAndSet(false, true)) {
            adapter.sharedPublishers().release(publisher);
        }
    }
}
