package dev.conduit.outbound;

import java.time.Duration;

import dev.conduit.api.TopicOptions;
import dev.conduit.config.TopicSettings;
import dev.conduit.config.TopicStrategy;
import dev.conduit.transport.TopicProvisioner;
import dev.conduit.transport.TopicRegistry;

/** For fake transports: topics need no provisioning. */
final class NoTopics extends TopicProvisioner {

    static final NoTopics INSTANCE = new NoTopics();

    private NoTopics() {
        super(new TopicRegistry(TopicSettings.EMPTY), TopicStrategy.SKIP, Duration.ofSeconds(1));
    }

    @Override
    protected String provision(String topic, TopicOptions options, TopicStrategy strategy) {
        return topic;
    }

    @Override
    protected String nameOf(String topic) {
        return topic;
    }
}
