package dev.conduit.api;

import java.io.Serializable;

import jakarta.resource.Referenceable;

/**
 * What applications inject: {@code @Resource(lookup = "conduit/orders") EventStreamConnectionFactory factory;}.
 * Connections are cheap handles over a shared, pooled client; get one per unit of work and close it.
 */
public interface EventStreamConnectionFactory extends Serializable, Referenceable {

    /**
     * @throws EventStreamException when the container cannot hand out a connection (pool exhausted, broker
     *                              configuration invalid)
     */
    EventStreamConnection getConnection();

    /**
     * The health of the adapter behind this factory: its publishing clients and MDB activations (the same for every
     * factory of one adapter). For readiness checks; may take up to a few seconds when a broker does not answer.
     */
    AdapterHealth health();

    /**
     * The counters of the adapter behind this factory: per publishing client (and topic) and per MDB activation
     * (the same for every factory of one adapter). Cheap: it reads counters, it asks no broker.
     */
    AdapterMetrics metrics();
}
