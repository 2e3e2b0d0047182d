package dev.conduit.transport.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.conduit.api.InvalidTopicException;
import dev.conduit.config.ConfigValues;
import dev.conduit.testsupport.Configs;

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
        NatsTransport nats = new NatsTransport();
        nats.checkTopicName("orders.eu");
        assertThatThrownBy(() -> nats.checkTopicName("orders.*"))
                .isInstanceOf(InvalidTopicException.class).hasMessageContaining("contains '*'");
        assertThatThrownBy(() -> nats.checkTopicName("orders..eu"))
                .isInstanceOf(InvalidTopicException.class).hasMessageContaining("empty token");
        assertThatThrownBy(() -> nats.checkTopicName("orders eu"))
                .isInstanceOf(InvalidTopicException.class).hasMessageContaining("white space");
    }

    @Test
    void settingsThatCannotWorkFailAtDeployTimeWithoutEchoingSecrets() throws Exception {
        assertThatThrownBy(() -> Configs.outbound("transport", "nats", "servers", "nats://host:notaport"))
                .hasMessageContaining("property 'servers' = 'nats://host:notaport' is not a list of NATS URLs");

        assertThatThrownBy(() -> Configs.outbound("transport", "nats", "servers", "nats://h:4222",
                "natsUsername", "app", "natsPassword", "pa55-word", "natsToken", "tok-9"))
                .hasMessageContaining("properties 'natsUsername' and 'natsToken' are all set")
                .hasMessageNotContaining("pa55-word").hasMessageNotContaining("tok-9");

        ConfigValues secret = Configs.outboundValues("transport", "nats", "servers", "nats://h:4222",
                "natsUsername", "app", "natsPassword", "pa55-word");
        assertThat(secret.toString()).doesNotContain("pa55-word").contains("natsPassword=****");
    }
}
