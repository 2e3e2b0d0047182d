package dev.conduit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.conduit.api.TopicOptions;

class TopicSettingsTest {

    @Test
    void defaultsApplyToEveryTopicAndEntriesOverrideThem() {
        TopicSettings settings = TopicSettings.parse(
                "*:replicas=1,retentionMs=60000; orders:partitions=12,maxBytes=1048576\ncache:persistent=false");

        assertThat(settings.optionsFor("other")).isEqualTo(TopicOptions.builder().replicationFactor(1)
                .retention(Duration.ofMinutes(1)).build());
        assertThat(settings.optionsFor("orders")).isEqualTo(TopicOptions.builder().replicationFactor(1)
                .retention(Duration.ofMinutes(1)).partitions(12).maxBytes(1_048_576).build());
        assertThat(settings.optionsFor("cache").persistent()).isFalse();
        assertThat(settings.optionsFor("cache").retention()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void topicNamesMayContainColonsOnlyBeforeTheLastOne() {
        assertThat(TopicSettings.parse("a.b-c:partitions=2").optionsFor("a.b-c").partitions()).isEqualTo(2);
    }

    @Test
    void mistakesNameTheTopicAndTheKey() {
        assertThatThrownBy(() -> TopicSettings.parse("orders:partition=3"))
                .hasMessageContaining("for topic 'orders', unknown key 'partition'");
        assertThatThrownBy(() -> TopicSettings.parse("orders:partitions=many"))
                .hasMessageContaining("for topic 'orders', partitions=many is not a number");
        assertThatThrownBy(() -> TopicSettings.parse("orders:maxBytes=0"))
                .hasMessageContaining("for topic 'orders', maxBytes must be positive or -1");
        assertThatThrownBy(() -> TopicSettings.parse("orders"))
                .hasMessageContaining("entry 'orders' must look like topic:key=value");
    }
}
