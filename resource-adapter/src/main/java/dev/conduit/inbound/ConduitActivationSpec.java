package dev.conduit.inbound;

import java.util.Arrays;
import java.util.List;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

import dev.conduit.api.BatchEventListener;
import dev.conduit.api.EventListener;
import dev.conduit.config.CommonOptions;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.InboundOptions;
import dev.conduit.config.InvalidConfigurationException;
import dev.conduit.config.Option;
import dev.conduit.config.PropertySettings;
import dev.conduit.transport.Transport;
import dev.conduit.transport.kafka.KafkaSettings;
import dev.conduit.transport.nats.NatsSettings;

/**
 * Activation configuration of one message-driven bean. Properties come from {@code @ActivationConfigProperty};
 * their rules and documentation are declared once in {@link InboundOptions}. {@link #validate()} checks all of
 * them, so a bad MDB fails its deployment with the property name and what is allowed.
 */
@Activation(messageListeners = {EventListener.class, BatchEventListener.class})
public class ConduitActivationSpec implements ActivationSpec {

    private final PropertySettings properties = new PropertySettings("activation spec", InboundOptions.ALL);
    private ResourceAdapter resourceAdapter;

    @Override
    public void validate() throws InvalidPropertyException {
        config();
    }

    /** The validated configuration. */
    public ConfigValues config() throws InvalidConfigurationException {
        ConfigValues config = properties.parse();
        Transport transport = Transport.of(config.get(CommonOptions.TRANSPORT));
        if (transport == Transport.KAFKA) {
            KafkaSettings.consumer(config, "validation");
        } else {
            NatsSettings.validate("activation spec", config);
        }
        if ("envelope".equals(config.get(InboundOptions.DELIVERY))
                && ("at-most-once".equals(config.get(InboundOptions.GUARANTEE))
                || "none".equals(config.get(InboundOptions.ORDERING)))) {
            throw new InvalidConfigurationException("activation spec", List.of("property 'delivery' = 'envelope' "
                    + "is always at-least-once and ordered per aggregate; remove 'guarantee'/'ordering' or use "
                    + "delivery=raw"));
        }
        if (topics(config).isEmpty()) {
            throw new InvalidConfigurationException("activation spec", List.of("property 'topics' lists no topic"));
        }
        return config;
    }

    public static List<String> topics(ConfigValues config) {
        return Arrays.stream(config.get(InboundOptions.TOPICS).split(",")).map(String::trim)
                .filter(topic -> !topic.isEmpty()).distinct().toList();
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
        return "ConduitActivationSpec[transport=" + get(CommonOptions.TRANSPORT) + ", topics=" + get(InboundOptions.TOPICS)
                + ", groupId=" + get(InboundOptions.GROUP_ID) + "]";
    }

    private void set(Option<?> option, String value) {
        properties.set(option, value);
    }

    private String get(Option<?> option) {
        return properties.get(option);
    }

    // JavaBean properties, one per option in InboundOptions; documentation lives there.

    public void setTransport(String value) {
        set(CommonOptions.TRANSPORT, value);
    }

    public String getTransport() {
        return get(CommonOptions.TRANSPORT);
    }

    public void setServers(String value) {
        set(CommonOptions.SERVERS, value);
    }

    public String getServers() {
        return get(CommonOptions.SERVERS);
    }

    public void setClientId(String value) {
        set(CommonOptions.CLIENT_ID, value);
    }

    public String getClientId() {
        return get(CommonOptions.CLIENT_ID);
    }

    public void setTopics(String value) {
        set(InboundOptions.TOPICS, value);
    }

    public String getTopics() {
        return get(InboundOptions.TOPICS);
    }

    public void setGroupId(String value) {
        set(InboundOptions.GROUP_ID, value);
    }

    public String getGroupId() {
        return get(InboundOptions.GROUP_ID);
    }

    public void setConcurrency(String value) {
        set(InboundOptions.CONCURRENCY, value);
    }

    public String getConcurrency() {
        return get(InboundOptions.CONCURRENCY);
    }

    public void setMaxBatchSize(String value) {
        set(InboundOptions.MAX_BATCH_SIZE, value);
    }

    public String getMaxBatchSize() {
        return get(InboundOptions.MAX_BATCH_SIZE);
    }

    public void setMaxBatchWaitMs(String value) {
        set(InboundOptions.MAX_BATCH_WAIT_MS, value);
    }

    public String getMaxBatchWaitMs() {
        return get(InboundOptions.MAX_BATCH_WAIT_MS);
    }

    public void setStartPosition(String value) {
        set(InboundOptions.START_POSITION, value);
    }

    public String getStartPosition() {
        return get(InboundOptions.START_POSITION);
    }

    public void setDelivery(String value) {
        set(InboundOptions.DELIVERY, value);
    }

    public String getDelivery() {
        return get(InboundOptions.DELIVERY);
    }

    public void setMaxAttempts(String value) {
        set(InboundOptions.MAX_ATTEMPTS, value);
    }

    public String getMaxAttempts() {
        return get(InboundOptions.MAX_ATTEMPTS);
    }

    public void setRetryBackoffMs(String value) {
        set(InboundOptions.RETRY_BACKOFF_MS, value);
    }

    public String getRetryBackoffMs() {
        return get(InboundOptions.RETRY_BACKOFF_MS);
    }

    public void setDeadLetterTopic(String value) {
        set(InboundOptions.DEAD_LETTER_TOPIC, value);
    }

    public String getDeadLetterTopic() {
        return get(InboundOptions.DEAD_LETTER_TOPIC);
    }

    public void setPollTimeoutMs(String value) {
        set(InboundOptions.POLL_TIMEOUT_MS, value);
    }

    public String getPollTimeoutMs() {
        return get(InboundOptions.POLL_TIMEOUT_MS);
    }

    public void setMaxPollRecords(String value) {
        set(InboundOptions.MAX_POLL_RECORDS, value);
    }

    public String getMaxPollRecords() {
        return get(InboundOptions.MAX_POLL_RECORDS);
    }

    public void setKafkaProperties(String value) {
        set(CommonOptions.KAFKA_PROPERTIES, value);
    }

    public String getKafkaProperties() {
        return get(CommonOptions.KAFKA_PROPERTIES);
    }

    public void setNatsUsername(String value) {
        set(CommonOptions.NATS_USERNAME, value);
    }

    public String getNatsUsername() {
        return get(CommonOptions.NATS_USERNAME);
    }

    public void setNatsPassword(String value) {
        set(CommonOptions.NATS_PASSWORD, value);
    }

    public String getNatsPassword() {
        return get(CommonOptions.NATS_PASSWORD);
    }

    public void setNatsToken(String value) {
        set(CommonOptions.NATS_TOKEN, value);
    }

    public String getNatsToken() {
        return get(CommonOptions.NATS_TOKEN);
    }

    public void setReconnectWaitMs(String value) {
        set(CommonOptions.RECONNECT_WAIT_MS, value);
    }

    public String getReconnectWaitMs() {
        return get(CommonOptions.RECONNECT_WAIT_MS);
    }

    public void setMaxReconnects(String value) {
        set(CommonOptions.MAX_RECONNECTS, value);
    }

    public String getMaxReconnects() {
        return get(CommonOptions.MAX_RECONNECTS);
    }

    public void setAckWaitMs(String value) {
        set(InboundOptions.ACK_WAIT_MS, value);
    }

    public String getAckWaitMs() {
        return get(InboundOptions.ACK_WAIT_MS);
    }

    public void setMaxAckPending(String value) {
        set(InboundOptions.MAX_ACK_PENDING, value);
    }

    public String getMaxAckPending() {
        return get(InboundOptions.MAX_ACK_PENDING);
    }

    public void setOrdering(String value) {
        set(InboundOptions.ORDERING, value);
    }

    public String getOrdering() {
        return get(InboundOptions.ORDERING);
    }

    public void setGuarantee(String value) {
        set(InboundOptions.GUARANTEE, value);
    }

    public String getGuarantee() {
        return get(InboundOptions.GUARANTEE);
    }

    public void setMaxBufferedEvents(String value) {
        set(InboundOptions.MAX_BUFFERED_EVENTS, value);
    }

    public String getMaxBufferedEvents() {
        return get(InboundOptions.MAX_BUFFERED_EVENTS);
    }

    public void setCatchUpThreshold(String value) {
        set(InboundOptions.CATCH_UP_THRESHOLD, value);
    }

    public String getCatchUpThreshold() {
        return get(InboundOptions.CATCH_UP_THRESHOLD);
    }

    public void setTopicConfig(String value) {
        set(CommonOptions.TOPIC_CONFIG, value);
    }

    public String getTopicConfig() {
        return get(CommonOptions.TOPIC_CONFIG);
    }

    public void setTopicStrategy(String value) {
        set(CommonOptions.TOPIC_STRATEGY, value);
    }

    public String getTopicStrategy() {
        return get(CommonOptions.TOPIC_STRATEGY);
    }
}
