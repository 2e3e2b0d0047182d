package dev.conduit.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.WorkException;

import dev.conduit.api.AdapterHealth;
import dev.conduit.api.AdapterMetrics;
import dev.conduit.inbound.ActivationStatus;
import dev.conduit.inbound.ConduitActivationSpec;
import dev.conduit.inbound.EndpointActivation;
import dev.conduit.inbound.InboundPipeline;
import dev.conduit.transport.AdapterScope;
import dev.conduit.transport.TransportConfig;

/**
 * The adapter's lifecycle: it owns the shared publishing clients, the running endpoint activations and the
 * transports' adapter-wide state, and releases all of them on {@link #stop()}, so an undeploy leaves no thread or
 * socket behind.
 */
@Connector(displayName = "Conduit event streaming",
        description = "Publish and consume events over Kafka, NATS JetStream or in-memory topics",
        vendorName = "Conduit",
        eisType = "Event streaming (Kafka, NATS JetStream)",
        version = "0.1",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class ConduitResourceAdapter implements ResourceAdapter, java.io.Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ConduitResourceAdapter.class.getName());
    private static final Duration DEACTIVATION_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration START_WATCH = Duration.ofSeconds(10);

    private final transient AdapterScope scope = new AdapterScope();
    private final transient SharedPublishers sharedPublishers = new SharedPublishers(scope);
    private final transient Map<ActivationKey, EndpointActivation> activations = new ConcurrentHashMap<>();
    private transient volatile BootstrapContext bootstrapContext;
    private transient volatile Timer startWatch;

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        this.bootstrapContext = context;
        try {
            startWatch = context.createTimer();
        } catch (UnavailableException e) {
            LOG.info("Conduit: the server offers no timer; activations whose threads do not start are reported by "
                    + "health checks only");
        }
        LOG.info("Conduit resource adapter started");
    }

    @Override
    public void stop() {
        Timer timer = startWatch;
        if (timer != null) {
            timer.cancel();
        }
        activations.keySet().forEach(key -> deactivate(key));
        sharedPublishers.closeAll();
        scope.close();
        LOG.info("Conduit resource adapter stopped");
    }

    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec)
            throws ResourceException {
        if (!(spec instanceof ConduitActivationSpec conduitSpec)) {
            throw new NotSupportedException("unsupported activation spec " + spec);
        }
        TransportConfig config = conduitSpec.config();
        BootstrapContext context = bootstrapContext;
        if (context == null) {
            throw new jakarta.resource.spi.IllegalStateException("the resource adapter is not started");
        }
        EndpointActivation activation = InboundPipeline.assemble(config.transport().id(),
                config.transport().inbound(config.values(), scope), endpointFactory, config.values());
        ActivationKey key = new ActivationKey(endpointFactory, spec);
        if (activations.putIfAbsent(key, activation) != null) {
            throw new jakarta.resource.spi.IllegalStateException("endpoint already activated: " + spec);
        }
        try {
            activation.start(context.getWorkManager(), context.isContextSupported(HintsContext.class));
        } catch (WorkException e) {
            activations.remove(key);
            activation.stop(DEACTIVATION_TIMEOUT);
            throw e;
        }
        watchStart(activation);
    }

    /** Warns if the container has not started all of the activation's threads a while later (a full pool). */
    private void watchStart(EndpointActivation activation) {
        Timer timer = startWatch;
        if (timer == null) {
            return;
        }
        try {
            timer.schedule(new TimerTask() {
                @Override
                public void run() {
                    activation.warnIfNotStarted(START_WATCH);
                }
            }, START_WATCH.toMillis());
        } catch (IllegalStateException e) {
            // The adapter is stopping (its timer cancelled): nothing left to watch.
        }
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        deactivate(new ActivationKey(endpointFactory, spec));
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    /** What every running activation is doing: mode, backlog, counters. */
    public List<ActivationStatus> activationStatus() {
        return activations.values().stream().map(EndpointActivation::status).toList();
    }

    /** Publishing clients and activations, for readiness checks (see {@link AdapterHealth}). */
    public AdapterHealth health() {
        List<AdapterHealth.Check> checks = new ArrayList<>(sharedPublishers.health());
        boolean live = true;
        for (ActivationStatus status : activationStatus()) {
            live &= status.alive();
            boolean up = status.healthy() && status.connected() && status.alive() && status.notStarted() == 0;
            String detail = !status.healthy() ? "stopped: " + status.failure()
                    : !status.alive() ? "a consumer thread ended unexpectedly (see the log); redeploy the MDB"
                    : status.notStarted() > 0 ? "waiting for " + status.notStarted() + " of its " + status.works()
                            + " threads to start: " + EndpointActivation.WAITING_FOR_THREADS
                    : !status.connected() ? "not connected to its brokers (reconnecting)"
                    : "consuming (" + status.mode() + ", backlog " + status.backlog() + ")";
            checks.add(new AdapterHealth.Check("activation " + status.description(), up, detail));
        }
        return AdapterHealth.of(checks, live);
    }

    /** The counters of every shared publisher and running activation (see {@link AdapterMetrics}). */
    public AdapterMetrics metrics() {
        return new AdapterMetrics(sharedPublishers.metrics(),
                activations.values().stream().map(EndpointActivation::metrics).toList());
    }

    public SharedPublishers sharedPublishers() {
        return sharedPublishers;
    }

    /**
     * The Connector spec (19.4.2) asks a ResourceAdapter JavaBean for equals/hashCode over its configuration
     * properties, and WildFly's validator refuses one without them. This adapter has none (everything is configured
     * per connection factory and activation), so every instance is equal to every other.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ConduitResourceAdapter;
    }

    @Override
    public int hashCode() {
        return ConduitResourceAdapter.class.getName().hashCode();
    }

    private void deactivate(ActivationKey key) {
        EndpointActivation activation = activations.remove(key);
        if (activation != null) {
            activation.stop(DEACTIVATION_TIMEOUT);
        }
    }

    /** Activations are identified by the factory and spec instances the container passed in. */
    private record ActivationKey(MessageEndpointFactory factory, ActivationSpec spec) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ActivationKey other && other.factory == factory && other.spec == spec;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(factory) * 31 + System.identityHashCode(spec);
        }
    }
}
