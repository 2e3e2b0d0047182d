package dev.conduit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigValuesTest {

    private static final Option<String> SECRET = Option.string("password", null, "a password").secret();

    @Test
    void appliesDefaultsAndParsesTypes() throws Exception {
        ConfigValues config = ConfigValues.parse("connection factory", OutboundOptions.ALL,
                Map.of("transport", "KAFKA", "servers", "localhost:9092", "lingerMs", " 20 "));

        assertThat(config.get(CommonOptions.TRANSPORT)).isEqualTo("kafka");
        assertThat(config.get(OutboundOptions.LINGER_MS)).isEqualTo(20);
        assertThat(config.get(OutboundOptions.MAX_IN_FLIGHT)).isEqualTo(10_000);
        assertThat(config.get(CommonOptions.KAFKA_PROPERTIES)).isEqualTo(KeyValues.EMPTY);
    }

    @Test
    void reportsEveryProblemWithPropertyNameAndWhatIsAllowed() {
        assertThatThrownBy(() -> ConfigValues.parse("connection factory", OutboundOptions.ALL,
                Map.of("transport", "rabbit", "lingerMs", "soon", "maxInFlight", "0")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "property 'transport' = 'rabbit' must be one of [kafka, nats]",
                                "property 'servers' is required (string): " + CommonOptions.SERVERS.documentation(),
                                "property 'lingerMs' = 'soon' must be an integer between 0 and 60000",
                                "property 'maxInFlight' = '0' must be between 1 and 1000000"))
                .hasMessageStartingWith("Invalid connection factory configuration: ");
    }

    @Test
    void neverShowsSecretValues() throws Exception {
        List<Option<?>> options = List.of(SECRET, Option.integer("port", 1, 1, 10, "port"));
        assertThatThrownBy(() -> ConfigValues.parse("test", List.of(Option.integer("pin", 1, 1, 9, "pin").secret()),
                Map.of("pin", "s3cr3t-1234")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageNotContaining("s3cr3t-1234")
                .hasMessageContaining("property 'pin'");

        ConfigValues config = ConfigValues.parse("test", options, Map.of("password", "hunter2", "port", "3"));
        assertThat(config.get(SECRET)).isEqualTo("hunter2");
        assertThat(config.toString()).doesNotContain("hunter2").contains("password=****").contains("port=3");
    }

    @Test
    void passThroughSecretsAreMaskedAndMalformedEntriesNotEchoed() throws Exception {
        ConfigValues config = ConfigValues.parse("connection factory", OutboundOptions.ALL, Map.of("transport",
                "kafka", "servers", "h:1", "kafkaProperties",
                "security.protocol=SASL_SSL; sasl.jaas.config=org.Foo required password=\"pw-123\";"));
        assertThat(config.toString()).doesNotContain("pw-123").contains("sasl.jaas.config=****")
                .contains("security.protocol=SASL_SSL");

        assertThatThrownBy(() -> ConfigValues.parse("connection factory", OutboundOptions.ALL, Map.of("transport",
                "kafka", "servers", "h:1", "kafkaProperties", "a=b;token-without-equals")))
                .hasMessageContaining("entry 2 has no key or no '='")
                .hasMessageNotContaining("token-without-equals");
    }

    @Test
    void resolvesPlaceholdersFromPropertiesWithDefaults() throws Exception {
        Placeholders placeholders = new Placeholders(Map.of("kafka.host", "broker-1")::get);
        ConfigValues config = ConfigValues.parse("activation spec", OutboundOptions.ALL, Map.of("transport", "kafka",
                "servers", "${kafka.host}:${kafka.port:9092}"), placeholders);
        assertThat(config.get(CommonOptions.SERVERS)).isEqualTo("broker-1:9092");

        assertThatThrownBy(() -> ConfigValues.parse("activation spec", OutboundOptions.ALL, Map.of("transport",
                "kafka", "servers", "${missing.servers}"), placeholders))
                .hasMessageContaining("property 'servers' refers to ${missing.servers}, which is neither a system "
                        + "property nor an environment variable");
    }

    @Test
    void equalSettingsMakeEqualConfigurations() throws Exception {
        ConfigValues a = ConfigValues.parse("f", OutboundOptions.ALL, Map.of("transport", "kafka", "servers", "h:1"));
        ConfigValues b = ConfigValues.parse("f", OutboundOptions.ALL, Map.of("servers", "h:1", "transport", "kafka",
                "acks", ""));
        ConfigValues c = ConfigValues.parse("f", OutboundOptions.ALL, Map.of("transport", "kafka", "servers", "h:2"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
    }
}
