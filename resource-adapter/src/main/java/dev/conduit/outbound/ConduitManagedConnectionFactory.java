package dev.conduit.outbound;

import java.io.PrintWriter;
import java.util.Set;

import javax.security.auth.Subject;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.TransactionSupport;

import dev.conduit.adapter.ConduitResourceAdapter;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.config.CommonOptions;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.Option;
import dev.conduit.config.OutboundOptions;
import dev.conduit.config.PropertySettings;
import dev.conduit.transport.Transport;
import dev.conduit.transport.TransportPublishers;

/**
 * The outbound connection definition. Its JavaBean properties are set from the connector connection pool; their
 * types, defaults, validation and documentation are declared once in {@link OutboundOptions}, and the whole
 * configuration is validated when the connection factory is created, so mistakes surface at deploy time.
 */
@ConnectionDefinition(connectionFactory = EventStreamConnectionFactory.class,
        connectionFactoryImpl = ConduitConnectionFactory.class,
        connection = EventStreamConnection.class,
        connectionImpl = ConduitConnection.class)
public class ConduitManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation,
        TransactionSupport {

    private static final long serialVersionUID = 1L;

    private final PropertySettings properties = new PropertySettings("connection factory", OutboundOptions.ALL);
    private transient ConduitResourceAdapter resourceAdapter;
    private transient volatile boolean transportChecked;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) throws ResourceException {
        config();
        return new ConduitConnectionFactory(this, connectionManager);
    }

    /** Outside a container: connections are not pooled, but the physical client is still shared. */
    @Override
    public Object createConnectionFactory() throws ResourceException {
        return createConnectionFactory(new UnmanagedConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        ConduitResourceAdapter adapter = resourceAdapter;
        if (adapter == null) {
            throw new jakarta.resource.spi.IllegalStateException("connection factory is not associated with the "
                    + "Conduit resource adapter; deploy it through the RAR");
        }
        SharedPublisherLease lease = SharedPublisherLease.acquire(adapter, config());
        return new ConduitManagedConnection(this, lease.publisher(), lease::release);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo info) {
        for (Object candidate : candidates) {
            if (candidate instanceof ConduitManagedConnection connection && connection.isUsable()
                    && connection.factory().equals(this)) {
                return connection;
            }
        }
        return null;
    }

    /** The validated configuration; parsed once. */
    public ConfigValues config() throws ResourceException {
        ConfigValues current = properties.parse();
        if (!transportChecked) {
            TransportPublishers.validate(Transport.of(current.get(CommonOptions.TRANSPORT)), current);
            transportChecked = true;
        }
        return current;
    }

    /**
     * Publishing is not transactional; saying so here keeps the container from enlisting connections in JTA
     * transactions, whatever the pool's transaction-support setting.
     */
    @Override
    public TransactionSupportLevel getTransactionSupport() {
        return TransactionSupportLevel.NoTransaction;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter adapter) throws ResourceException {
        if (!(adapter instanceof ConduitResourceAdapter conduit)) {
            throw new ResourceException("expected the Conduit resource adapter, got " + adapter);
        }
        this.resourceAdapter = conduit;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConduitManagedConnectionFactory other && properties.equals(other.properties);
    }

    @Override
    public int hashCode() {
        return properties.hashCode();
    }

    @Override
    public String toString() {
        return "ConduitManagedConnectionFactory[transport=" + getTransport() + ", servers=" + getServers() + "]";
    }

    private void set(Option<?> option, String value) {
        properties.set(option, value);
        transportChecked = false;
    }

    private String get(Option<?> option) {
        return properties.get(option);
    }

    // JavaBean properties, one per option in OutboundOptions; documentation lives there.

    @ConfigProperty
    public void setTransport(String value) {
        set(CommonOptions.TRANSPORT, value);
    }

    public String getTransport() {
        return get(CommonOptions.TRANSPORT);
    }

    @ConfigProperty
    public void setServers(String value) {
        set(CommonOptions.SERVERS, value);
    }

    public String getServers() {
        return get(CommonOptions.SERVERS);
    }

    @ConfigProperty
    public void setClientId(String value) {
        set(CommonOptions.CLIENT_ID, value);
    }

    public String getClientId() {
        return get(CommonOptions.CLIENT_ID);
    }

    @ConfigProperty
    public void setAcks(String value) {
        set(OutboundOptions.ACKS, value);
    }

    public String getAcks() {
        return get(OutboundOptions.ACKS);
    }

    @ConfigProperty
    public void setLingerMs(String value) {
        set(OutboundOptions.LINGER_MS, value);
    }

    public String getLingerMs() {
        return get(OutboundOptions.LINGER_MS);
    }

    @ConfigProperty
    public void setBatchSize(String value) {
        set(OutboundOptions.BATCH_SIZE, value);
    }

    public String getBatchSize() {
        return get(OutboundOptions.BATCH_SIZE);
    }

    @ConfigProperty
    public void setCompressionType(String value) {
        set(OutboundOptions.COMPRESSION, value);
    }

    public String getCompressionType() {
        return get(OutboundOptions.COMPRESSION);
    }

    @ConfigProperty
    public void setMaxInFlight(String value) {
        set(OutboundOptions.MAX_IN_FLIGHT, value);
    }

    public String getMaxInFlight() {
        return get(OutboundOptions.MAX_IN_FLIGHT);
    }

    @ConfigProperty
    public void setPublishTimeoutMs(String value) {
        set(OutboundOptions.PUBLISH_TIMEOUT_MS, value);
    }

    public String getPublishTimeoutMs() {
        return get(OutboundOptions.PUBLISH_TIMEOUT_MS);
    }

    @ConfigProperty
    public void setMaxMessageBytes(String value) {
        set(OutboundOptions.MAX_MESSAGE_BYTES, value);
    }

    public String getMaxMessageBytes() {
        return get(OutboundOptions.MAX_MESSAGE_BYTES);
    }

    @ConfigProperty
    public void setKafkaProperties(String value) {
        set(CommonOptions.KAFKA_PROPERTIES, value);
    }

    public String getKafkaProperties() {
        return get(CommonOptions.KAFKA_PROPERTIES);
    }

    @ConfigProperty
    public void setNatsUsername(String value) {
        set(CommonOptions.NATS_USERNAME, value);
    }

    public String getNatsUsername() {
        return get(CommonOptions.NATS_USERNAME);
    }

    @ConfigProperty
    public void setNatsPassword(String value) {
        set(CommonOptions.NATS_PASSWORD, value);
    }

    public String getNatsPassword() {
        return get(CommonOptions.NATS_PASSWORD);
    }

    @ConfigProperty
    public void setNatsToken(String value) {
        set(CommonOptions.NATS_TOKEN, value);
    }

    public String getNatsToken() {
        return get(CommonOptions.NATS_TOKEN);
    }

    @ConfigProperty
    public void setReconnectWaitMs(String value) {
        set(CommonOptions.RECONNECT_WAIT_MS, value);
    }

    public String getReconnectWaitMs() {
        return get(CommonOptions.RECONNECT_WAIT_MS);
    }

    @ConfigProperty
    public void setMaxReconnects(String value) {
        set(CommonOptions.MAX_RECONNECTS, value);
    }

    public String getMaxReconnects() {
        return get(CommonOptions.MAX_RECONNECTS);
    }

    @ConfigProperty
    public void setTopicConfig(String value) {
        set(CommonOptions.TOPIC_CONFIG, value);
    }

    public String getTopicConfig() {
        return get(CommonOptions.TOPIC_CONFIG);
    }

    @ConfigProperty
    public void setTopicStrategy(String value) {
        set(CommonOptions.TOPIC_STRATEGY, value);
    }

    public String getTopicStrategy() {
        return get(CommonOptions.TOPIC_STRATEGY);
    }
}
