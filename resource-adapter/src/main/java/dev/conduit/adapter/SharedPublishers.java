package dev.conduit.adapter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.conduit.api.AdapterHealth;
import dev.conduit.api.AdapterMetrics;
import dev.conduit.config.CommonOptions;
import dev.conduit.config.ServerAddresses;
import dev.conduit.outbound.SharedPublisher;
import dev.conduit.transport.AdapterScope;
import dev.conduit.transport.TransportConfig;

/**
 * One physical publisher per distinct factory configuration, reference-counted across managed connections: the
 * last release closes it, and {@link #closeAll()} closes whatever is left when the adapter stops. Only managed
 * connection creation and destruction come here (cold path), so a plain monitor is fine.
 */
public final class SharedPublishers {

    private static final Logger LOG = Logger.getLogger(SharedPublishers.class.getName());

    private final AdapterScope scope;
    private final Map<TransportConfig, Lease> leases = new HashMap<>();
    private boolean closed;

    public SharedPublishers(AdapterScope scope) {
        this.scope = scope;
    }

    public synchronized SharedPublisher acquire(TransportConfig config) {
        if (closed) {
            throw new IllegalStateException("the resource adapter is stopped; no new connections");
        }
        Lease lease = leases.get(config);
        if (lease == null) {
            SharedPublisher publisher = new SharedPublisher(config.transport(),
                    config.transport().publisher(config.values(), scope), config.values());
            lease = new Lease(publisher);
            leases.put(config, lease);
            LOG.info(() -> "Conduit: opened shared publisher for " + config);
        }
        lease.users++;
        return lease.publisher;
    }

    public void release(SharedPublisher publisher) {
        SharedPublisher toClose = null;
        synchronized (this) {
            for (Map.Entry<TransportConfig, Lease> entry : leases.entrySet()) {
                Lease lease = entry.getValue();
                if (lease.publisher == publisher) {
                    if (--lease.users == 0) {
                        leases.remove(entry.getKey());
                        toClose = publisher;
                    }
                    break;
                }
            }
        }
        if (toClose != null) {
            closeQuietly(toClose);
        }
    }

    /** One health check per open publisher: transport and servers, connected or not. */
    public List<AdapterHealth.Check> health() {
        List<Map.Entry<TransportConfig, Lease>> open = open();
        List<AdapterHealth.Check> checks = new ArrayList<>();
        for (Map.Entry<TransportConfig, Lease> entry : open) {
            String servers = servers(entry.getKey());
            String name = "publisher " + entry.getKey().transport().id() + (servers.isEmpty() ? "" : " " + servers);
            boolean up = entry.getValue().publisher.connected();
            checks.add(new AdapterHealth.Check(name, up, up ? "connected" : "cannot reach the brokers"));
        }
        return checks;
    }

    /** The counters of every open publisher, with what identifies it (never a secret). */
    public List<AdapterMetrics.Publisher> metrics() {
        List<AdapterMetrics.Publisher> publishers = new ArrayList<>();
        for (Map.Entry<TransportConfig, Lease> entry : open()) {
            TransportConfig config = entry.getKey();
            SharedPublisher publisher = entry.getValue().publisher;
            String clientId = config.values().declares(CommonOptions.CLIENT_ID)
                    ? config.values().get(CommonOptions.CLIENT_ID) : "";
            publishers.add(new AdapterMetrics.Publisher(config.transport().id(), servers(config), clientId,
                    publisher.metrics(), publisher.metricsByTopic()));
        }
        return publishers;
    }

    /** Number of open physical publishers; for tests and health. */
    public synchronized int size() {
        return leases.size();
    }

    public void closeAll() {
        List<SharedPublisher> toClose = new ArrayList<>();
        synchronized (this) {
            closed = true;
            leases.values().forEach(lease -> toClose.add(lease.publisher));
            leases.clear();
        }
        toClose.forEach(SharedPublishers::closeQuietly);
    }

    private synchronized List<Map.Entry<TransportConfig, Lease>> open() {
        return new ArrayList<>(leases.entrySet());
    }

    /** Where the publisher's brokers are, without credentials a server URL may carry. */
    private static String servers(TransportConfig config) {
        return ServerAddresses.withoutCredentials(config.values().raw().getOrDefault("servers", ""));
    }

    private static void closeQuietly(SharedPublisher publisher) {
        try {
            publisher.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Conduit: closing a " + publisher.transport().id() + " publisher failed", e);
        }
    }

    private static final class Lease {
        final SharedPublisher publisher;
        int users;

        Lease(SharedPublisher publisher) {
            this.publisher = publisher;
        }
    }
}
