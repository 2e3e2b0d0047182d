package dev.conduit.inbound;

import java.util.ArrayList;
import java.util.List;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

import dev.conduit.api.BatchEventListener;
import dev.conduit.api.EventListener;
import dev.conduit.config.BeanProperties;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.Direction;
import dev.conduit.config.InboundOptions;
import dev.conduit.config.InboundOptions.Delivery;
import dev.conduit.config.InboundOptions.Guarantee;
import dev.conduit.config.InboundOptions.Ordering;
import dev.conduit.config.InvalidConfigurationException;
import dev.conduit.config.InvalidConfigurationException.Problem;
import dev.conduit.config.PropertySettings;
import dev.conduit.transport.OptionCatalog;
import dev.conduit.transport.TransportConfig;

/**
 * Activation configuration of one message-driven bean. Properties come from {@code @ActivationConfigProperty};
 * their rules, scope and documentation are declared once (see {@link OptionCatalog}). {@link #validate()} checks
 * all of them, so a bad MDB fails its deployment with the property name and what is allowed; the exception's
 * property descriptors name the failing properties.
 */
@Activation(messageListeners = {EventListener.class, BatchEventListener.class})
public class ConduitActivationSpec implements ActivationSpec {

    private final PropertySettings<TransportConfig> properties = new PropertySettings<>(raw -> {
        TransportConfig config = OptionCatalog.configure(Direction.INBOUND, raw);
        checkDeliveryCombination(config.values());
        return config;
    });
    private ResourceAdapter resourceAdapter;

    @Override
    public void validate() throws InvalidPropertyException {
        config();
    }

    /** The validated configuration. */
    public TransportConfig config() throws InvalidConfigurationException {
        try {
            return properties.parse();
        } catch (InvalidConfigurationException e) {
            throw BeanProperties.describe(e, ConduitActivationSpec.class);
        }
    }

    private static void checkDeliveryCombination(ConfigValues config) throws InvalidConfigurationException {
        if (config.get(InboundOptions.DELIVERY) != Delivery.ENVELOPE) {
            return;
        }
        List<Problem> problems = new ArrayList<>();
        String why = "' = '%s' does not combine with delivery=envelope, which is always at-least-once and ordered "
                + "per aggregate; remove it or use delivery=raw";
        if (config.get(InboundOptions.GUARANTEE) == Guarantee.AT_MOST_ONCE) {
            problems.add(new Problem("guarantee", "property 'guarantee" + why.formatted("at-most-once")));
        }
        if (config.get(InboundOptions.ORDERING) == Ordering.NONE) {
            problems.add(new Problem("ordering", "property 'ordering" + why.formatted("none")));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(Direction.INBOUND.subject(), problems);
        }
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter adapter) throws ResourceException {
        this.resourceAdapter = adapter;
    }

    @Override
    public String toString() {
        return "ConduitActivationSpec[transport=" + getTransport() + ", topics=" + getTopics() + ", groupId="
                + getGroupId() + "]";
    }

    private void set(String property, String value) {
        properties.set(property, value);
    }

    private String get(String property) {
        return properties.get(property);
    }

    // JavaBean properties, one per option (OptionCatalog.options); BeanPropertiesTest checks both ways. Written one per
    // line on purpose: they only pass values through, by property name, to the declarations.

    public void setTransport(String value) { set("transport", value); }
    public String getTransport() { return get("transport"); }

    public void setServers(String value) { set("servers", value); }
    public String getServers() { return get("servers"); }

    public void setClientId(String value) { set("clientId", value); }
    public String getClientId() { return get("clientId"); }

    public void setTopics(String value) { set("topics", value); }
    public String getTopics() { return get("topics"); }

    public void setGroupId(String value) { set("groupId", value); }
    public String getGroupId() { return get("groupId"); }

    public void setConcurrency(String value) { set("concurrency", value); }
    public String getConcurrency() { return get("concurrency"); }

    public void setOrdering(String value) { set("ordering", value); }
    public String getOrdering() { return get("ordering"); }

    public void setGuarantee(String value) { set("guarantee", value); }
    public String getGuarantee() { return get("guarantee"); }

    public void setFailureStrategy(String value) { set("failureStrategy", value); }
    public String getFailureStrategy() { return get("failureStrategy"); }

    public void setMaxBufferedEvents(String value) { set("maxBufferedEvents", value); }
    public String getMaxBufferedEvents() { return get("maxBufferedEvents"); }

    public void setCatchUpThreshold(String value) { set("catchUpThreshold", value); }
    public String getCatchUpThreshold() { return get("catchUpThreshold"); }

    public void setStartPosition(String value) { set("startPosition", value); }
    public String getStartPosition() { return get("startPosition"); }

    public void setDelivery(String value) { set("delivery", value); }
    public String getDelivery() { return get("delivery"); }

    public void setMaxAttempts(String value) { set("maxAttempts", value); }
    public String getMaxAttempts() { return get("maxAttempts"); }

    public void setRetryBackoffMs(String value) { set("retryBackoffMs", value); }
    public String getRetryBackoffMs() { return get("retryBackoffMs"); }

    public void setStopDrainMs(String value) { set("stopDrainMs", value); }
    public String getStopDrainMs() { return get("stopDrainMs"); }

    public void setDeadLetterTopic(String value) { set("deadLetterTopic", value); }
    public String getDeadLetterTopic() { return get("deadLetterTopic"); }

    public void setPollTimeoutMs(String value) { set("pollTimeoutMs", value); }
    public String getPollTimeoutMs() { return get("pollTimeoutMs"); }

    public void setMaxPollRecords(String value) { set("maxPollRecords", value); }
    public String getMaxPollRecords() { return get("maxPollRecords"); }

    public void setMaxBatchSize(String value) { set("maxBatchSize", value); }
    public String getMaxBatchSize() { return get("maxBatchSize"); }

    public void setMaxBatchWaitMs(String value) { set("maxBatchWaitMs", value); }
    public String getMaxBatchWaitMs() { return get("maxBatchWaitMs"); }

    public void setKafkaProperties(String value) { set("kafkaProperties", value); }
    public String getKafkaProperties() { return get("kafkaProperties"); }

    public void setNatsUsername(String value) { set("natsUsername", value); }
    public String getNatsUsername() { return get("natsUsername"); }

    public void setNatsPassword(String value) { set("natsPassword", value); }
    public String getNatsPassword() { return get("natsPassword"); }

    public void setNatsToken(String value) { set("natsToken", value); }
    public String getNatsToken() { return get("natsToken"); }

    public void setReconnectWaitMs(String value) { set("reconnectWaitMs", value); }
    public String getReconnectWaitMs() { return get("reconnectWaitMs"); }

    public void setMaxReconnects(String value) { set("maxReconnects", value); }
    public String getMaxReconnects() { return get("maxReconnects"); }

    public void setAckWaitMs(String value) { set("ackWaitMs", value); }
    public String getAckWaitMs() { return get("ackWaitMs"); }

    public void setMaxAckPending(String value) { set("maxAckPending", value); }
    public String getMaxAckPending() { return get("maxAckPending"); }

    public void setPartitionLeaseMs(String value) { set("partitionLeaseMs", value); }
    public String getPartitionLeaseMs() { return get("partitionLeaseMs"); }

    public void setTopicConfig(String value) { set("topicConfig", value); }
    public String getTopicConfig() { return get("topicConfig"); }

    public void setTopicStrategy(String value) { set("topicStrategy", value); }
    public String getTopicStrategy() { return get("topicStrategy"); }

    public void setTls(String value) { set("tls", value); }
    public String getTls() { return get("tls"); }

    public void setTlsTruststore(String value) { set("tlsTruststore", value); }
    public String getTlsTruststore() { return get("tlsTruststore"); }

    public void setTlsTruststorePassword(String value) { set("tlsTruststorePassword", value); }
    public String getTlsTruststorePassword() { return get("tlsTruststorePassword"); }

    public void setTlsKeystore(String value) { set("tlsKeystore", value); }
    public String getTlsKeystore() { return get("tlsKeystore"); }

    public void setTlsKeystorePassword(String value) { set("tlsKeystorePassword", value); }
    public String getTlsKeystorePassword() { return get("tlsKeystorePassword"); }

    public void setSaslMechanism(String value) { set("saslMechanism", value); }
    public String getSaslMechanism() { return get("saslMechanism"); }

    public void setSaslUsername(String value) { set("saslUsername", value); }
    public String getSaslUsername() { return get("saslUsername"); }

    public void setSaslPassword(String value) { set("saslPassword", value); }
    public String getSaslPassword() { return get("saslPassword"); }

    public void setNatsCredsFile(String value) { set("natsCredsFile", value); }
    public String getNatsCredsFile() { return get("natsCredsFile"); }

    public void setNatsNkeySeed(String value) { set("natsNkeySeed", value); }
    public String getNatsNkeySeed() { return get("natsNkeySeed"); }

    public void setGroupInstanceId(String value) { set("groupInstanceId", value); }
    public String getGroupInstanceId() { return get("groupInstanceId"); }
}
