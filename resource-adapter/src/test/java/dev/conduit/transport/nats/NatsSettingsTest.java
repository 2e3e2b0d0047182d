package dev.conduit.transport.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.conduit.api.InvalidTopicException;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.OutboundOptions;
import dev.conduit.outbound.TopicNames;
import dev.conduit.transport.Transport;

class NatsSettingsTest {

    @Test
    void streamNamesReplaceWhatJetStreamForbids() {
        assertThat(NatsStreams.streamName("orders")).isEqualTo("orders");
        assertThat(NatsStreams.streamName("orders.eu.v2")).isEqualTo("orders_eu_v2");
        assertThat(NatsStreams.streamName("a-b_C9")).isEqualTo("a-b_C9");
        assertThat(NatsStreams.streamName("x/y z")).isEqualTo("x_y_z");
    }

    @Test
    void subjectsWithWildcardsOrEmptyTokensAreRefusedForPublishing() {
        TopicNames.validate(Transport.NATS, "orders.eu");
        assertThatThrownBy(() -> TopicNames.validate(Transport.NATS, "orders.*"))
                .isInstanceOf(InvalidTopicException.class).hasMessageContaining("contains '*'");
        assertThatThrownBy(() -> TopicNames.validate(Transport.NATS, "orders..eu"))
                .isInstanceOf(InvalidTopicException.class).hasMessageContaining("empty token");
        assertThatThrownBy(() -> TopicNames.validate(Transport.NATS, "orders eu"))
                .isInstanceOf(InvalidTopicException.class).hasMessageContaining("white space");
    }

    @Test
    void settingsThatCannotWorkFailAtDeployTimeWithoutEchoingSecrets() throws Exception {
        ConfigValues badUrl = ConfigValues.parse("f", OutboundOptions.ALL, Map.of("transport", "nats",
                "servers", "nats://host:notaport"));
        assertThatThrownBy(() -> NatsSettings.validate("connection factory", badUrl))
                .hasMessageContaining("property 'servers' = 'nats://host:notaport' is not a list of NATS URLs");

        ConfigValues kafkaOnly = ConfigValues.parse("f", OutboundOptions.ALL, Map.of("transport", "nats",
                "servers", "nats://h:4222", "kafkaProperties", "linger.ms=1"));
        assertThatThrownBy(() -> NatsSettings.validate("connection factory", kafkaOnly))
                .hasMessageContaining("applies to transport=kafka only");

        ConfigValues both = ConfigValues.parse("f", OutboundOptions.ALL, Map.of("transport", "nats",
                "servers", "nats://h:4222", "natsUsername", "app", "natsPassword", "pa55-word", "natsToken", "tok-9"));
        assertThatThrownBy(() -> NatsSettings.validate("connection factory", both))
                .hasMessageContaining("'natsUsername' and 'natsToken' are both set")
                .hasMessageNotContaining("pa55-word").hasMessageNotContaining("tok-9");

        ConfigValues secret = ConfigValues.parse("f", OutboundOptions.ALL, Map.of("transport", "nats",
                "servers", "nats://h:4222", "natsUsername", "app", "natsPassword", "pa55-word"));
        NatsSettings.validate("connection factory", secret);
        assertThat(secret.toString()).doesNotContain("pa55-word").contains("natsPassword=****");
    }
}
