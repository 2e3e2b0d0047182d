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
import dev.conduit.config.BeanProperties;
import dev.conduit.config.Direction;
import dev.conduit.config.InvalidConfigurationException;
import dev.conduit.config.PropertySettings;
import dev.conduit.transport.OptionCatalog;
import dev.conduit.transport.TransportConfig;

/**
 * The outbound connection definition. Its JavaBean properties are set from the connector connection pool; their
 * types, defaults, scope, validation and documentation are declared once (see {@link OptionCatalog}), and the
 * whole configuration is validated when the connection factory is created, so mistakes surface at deploy time.
 */
@ConnectionDefinition(connectionFactory = EventStreamConnectionFactory.class,
        connectionFactoryImpl = ConduitConnectionFactory.class,
        connection = EventStreamConnection.class,
        connectionImpl = ConduitConnection.class)
public class ConduitManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation,
        TransactionSupport {

    private static final long serialVersionUID = 1L;

    private final PropertySettings<TransportConfig> properties = new PropertySettings<>(
            raw -> OptionCatalog.configure(Direction.OUTBOUND, raw));
    private transient ConduitResourceAdapter resourceAdapter;
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

    /**
     * The validated configuration; parsed once. A failure names the failing properties in its descriptors, as
     * {@code InvalidPropertyException} asks.
     */
    public TransportConfig config() throws ResourceException {
        try {
            return properties.parse();
        } catch (InvalidConfigurationException e) {
            throw BeanProperties.describe(e, ConduitManagedConnectionFactory.class);
        }
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

    private void set(String property, String value) {
        properties.set(property, value);
    }

    private String get(String property) {
        return properties.get(property);
    }

    // JavaBean properties, one per option (OptionCatalog.options); BeanPropertiesTest checks both ways. Written one per
    // line on purpose: they only pass values through, by property name, to the declarations.

    @ConfigProperty public void setTransport(String value) { set("transport", value); }
    public String getTransport() { return get("transport"); }

    @ConfigProperty public void setServers(String value) { set("servers", value); }
    public String getServers() { return get("servers"); }

    @ConfigProperty public void setClientId(String value) { set("clientId", value); }
    public String getClientId() { return get("clientId"); }

    @ConfigProperty public void setAcks(String value) { set("acks", value); }
    public String getAcks() { return get("acks"); }

    @ConfigProperty public void setLingerMs(String value) { set("lingerMs", value); }
    public String getLingerMs() { return get("lingerMs"); }

    @ConfigProperty public void setBatchSize(String value) { set("batchSize", value); }
    public String getBatchSize() { return get("batchSize"); }

    @ConfigProperty public void setCompressionType(String value) { set("compressionType", value); }
    public String getCompressionType() { return get("compressionType"); }

    @ConfigProperty public void setMaxInFlight(String value) { set("maxInFlight", value); }
    public String getMaxInFlight() { return get("maxInFlight"); }

    @ConfigProperty public void setPublishTimeoutMs(String value) { set("publishTimeoutMs", value); }
    public String getPublishTimeoutMs() { return get("publishTimeoutMs"); }

    @ConfigProperty public void setMaxMessageBytes(String value) { set("maxMessageBytes", value); }
    public String getMaxMessageBytes() { return get("maxMessageBytes"); }

    @ConfigProperty public void setKafkaProperties(String value) { set("kafkaProperties", value); }
    public String getKafkaProperties() { return get("kafkaProperties"); }

    @ConfigProperty public void setNatsUsername(String value) { set("natsUsername", value); }
    public String getNatsUsername() { return get("natsUsername"); }

    @ConfigProperty public void setNatsPassword(String value) { set("natsPassword", value); }
    public String getNatsPassword() { return get("natsPassword"); }

    @ConfigProperty public void setNatsToken(String value) { set("natsToken", value); }
    public String getNatsToken() { return get("natsToken"); }

    @ConfigProperty public void setReconnectWaitMs(String value) { set("reconnectWaitMs", value); }
    public String getReconnectWaitMs() { return get("reconnectWaitMs"); }

    @ConfigProperty public void setMaxReconnects(String value) { set("maxReconnects", value); }
    public String getMaxReconnects() { return get("maxReconnects"); }

    @ConfigProperty public void setTopicConfig(String value) { set("topicConfig", value); }
    public String getTopicConfig() { return get("topicConfig"); }

    @ConfigProperty public void setTopicStrategy(String value) { set("topicStrategy", value); }
    public String getTopicStrategy() { return get("topicStrategy"); }

    @ConfigProperty public void setTls(String value) { set("tls", value); }
    public String getTls() { return get("tls"); }

    @ConfigProperty public void setTlsTruststore(String value) { set("tlsTruststore", value); }
    public String getTlsTruststore() { return get("tlsTruststore"); }

    @ConfigProperty public void setTlsTruststorePassword(String value) { set("tlsTruststorePassword", value); }
    public String getTlsTruststorePassword() { return get("tlsTruststorePassword"); }

    @ConfigProperty public void setTlsKeystore(String value) { set("tlsKeystore", value); }
    public String getTlsKeystore() { return get("tlsKeystore"); }

    @ConfigProperty public void setTlsKeystorePassword(String value) { set("tlsKeystorePassword", value); }
    public String getTlsKeystorePassword() { return get("tlsKeystorePassword"); }

    @ConfigProperty public void setSaslMechanism(String value) { set("saslMechanism", value); }
    public String getSaslMechanism() { return get("saslMechanism"); }

    @ConfigProperty public void setSaslUsername(String value) { set("saslUsername", value); }
    public String getSaslUsername() { return get("saslUsername"); }

    @ConfigProperty public void setSaslPassword(String value) { set("saslPassword", value); }
    public String getSaslPassword() { return get("saslPassword"); }

    @ConfigProperty public void setNatsCredsFile(String value) { set("natsCredsFile", value); }
    public String getNatsCredsFile() { return get("natsCredsFile"); }

    @ConfigProperty public void setNatsNkeySeed(String value) { set("natsNkeySeed", value); }
    public String getNatsNkeySeed() { return get("natsNkeySeed"); }
}
