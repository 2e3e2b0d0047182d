package dev.conduit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.conduit.testsupport.Configs;
import dev.conduit.transport.kafka.KafkaOptions;

class ConfigValuesTest {

    private static final Option<String> SECRET = Option.string("password", null, "a password").secret();

    @Test
    void appliesDefaultsAndParsesTypes() throws Exception {
        ConfigValues config = Configs.outboundValues("transport", "KAFKA", "servers", "localhost:9092",
                "lingerMs", " 20 ", "acks", "1", "compressionType", "LZ4");

        assertThat(config.get(CommonOptions.TRANSPORT)).isEqualTo("KAFKA");
        assertThat(config.get(KafkaOptions.LINGER_MS)).isEqualTo(20);
        assertThat(config.get(KafkaOptions.ACKS)).isEqualTo(KafkaOptions.Acks.LEADER);
        assertThat(config.get(KafkaOptions.COMPRESSION)).isEqualTo(KafkaOptions.Compression.LZ4);
        assertThat(config.get(OutboundOptions.MAX_IN_FLIGHT)).isEqualTo(10_000);
        assertThat(config.get(CommonOptions.TOPIC_STRATEGY)).isEqualTo(TopicStrategy.CREATE);
        assertThat(config.get(KafkaOptions.KAFKA_PROPERTIES)).isEqualTo(KeyValues.EMPTY);
    }

    @Test
    void reportsEveryProblemWithPropertyNameAndWhatIsAllowed() {
        assertThatThrownBy(() -> Configs.outbound("transport", "kafka", "lingerMs", "soon", "maxInFlight", "0",
                "acks", "most"))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                    assertThat(e.problems()).containsExactlyInAnyOrder(
                            "property 'servers' is required (string): " + CommonOptions.SERVERS.documentation(),
                            "property 'lingerMs' = 'soon' must be an integer between 0 and 60000",
                            "property 'maxInFlight' = '0' must be between 1 and 1000000",
                            "property 'acks' = 'most' must be one of all, 1, 0");
                    assertThat(e.properties()).containsExactlyInAnyOrder("servers", "lingerMs", "maxInFlight",
                            "acks");
                })
                .hasMessageStartingWith("Invalid connection factory configuration: ");
    }

    @Test
    void anUnknownTransportNamesTheRegisteredOnes() {
        assertThatThrownBy(() -> Configs.outbound("transport", "rabbit", "servers", "h:1"))
                .hasMessageContaining("property 'transport' = 'rabbit' is not a registered transport; use one of "
                        + "kafka, nats, memory");
    }

    @Test
    void anOptionSetWhereItDoesNotApplyIsAnErrorNamingWhereItApplies() {
        assertThatThrownBy(() -> Configs.inbound("transport", "kafka", "servers", "h:1", "topics", "t",
                "groupId", "g", "ackWaitMs", "5000"))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.properties()).containsExactly("ackWaitMs"))
                .hasMessageContaining("property 'ackWaitMs' does not apply to transport=kafka (it is read by nats); "
                        + "remove it");
        assertThatThrownBy(() -> Configs.outbound("transport", "nats", "servers", "nats://h:4222", "acks", "1",
                "kafkaProperties", "linger.ms=1"))
                .hasMessageContaining("property 'acks' does not apply to transport=nats (it is read by kafka)")
                .hasMessageContaining("property 'kafkaProperties' does not apply to transport=nats");
        assertThatThrownBy(() -> Configs.outbound("transport", "memory", "servers", "h:1"))
                .hasMessageContaining("property 'servers' does not apply to transport=memory (it is read by kafka, "
                        + "nats)");
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
        ConfigValues config = Configs.outboundValues("transport", "kafka", "servers", "h:1", "kafkaProperties",
                "security.protocol=SASL_SSL; sasl.jaas.config=org.Foo required password=\"pw-123\";");
        assertThat(config.toString()).doesNotContain("pw-123").contains("sasl.jaas.config=****")
                .contains("security.protocol=SASL_SSL");

        assertThatThrownBy(() -> Configs.outbound("transport", "kafka", "servers", "h:1", "kafkaProperties",
                "a=b;token-without-equals"))
                .hasMessageContaining("entry 2 has no key or no '='")
                .hasMessageNotContaining("token-without-equals");
    }

    @Test
    void resolvesPlaceholdersFromPropertiesWithDefaults() throws Exception {
        Placeholders placeholders = new Placeholders(Map.of("kafka.host", "broker-1")::get);
        List<Option<?>> options = List.of(CommonOptions.SERVERS);
        ConfigValues config = ConfigValues.parse("activation spec", options,
                Map.of("servers", "${kafka.host}:${kafka.port:9092}"), placeholders);
        assertThat(config.get(CommonOptions.SERVERS)).isEqualTo("broker-1:9092");

        assertThatThrownBy(() -> ConfigValues.parse("activation spec", options,
                Map.of("servers", "${missing.servers}"), placeholders))
                .hasMessageContaining("property 'servers' refers to ${missing.servers}, which is neither a system "
                        + "property nor an environment variable");
    }

    @Test
    void listsAreTrimmedWithoutBlanksOrRepeatsAndAnEmptyListIsMissing() throws Exception {
        Option<List<String>> topics = Option.list("topics", "topics").required();
        assertThat(ConfigValues.parse("t", List.of(topics), Map.of("topics", " a , b,a ,")).get(topics))
                .containsExactly("a", "b");
        assertThatThrownBy(() -> ConfigValues.parse("t", List.of(topics), Map.of("topics", " , ")))
                .hasMessageContaining("property 'topics' is required");
    }

    @Test
    void equalSettingsMakeEqualConfigurations() throws Exception {
        ConfigValues a = Configs.outboundValues("transport", "kafka", "servers", "h:1");
        ConfigValues b = Configs.outboundValues("servers", "h:1", "transport", "kafka", "acks", "");
        ConfigValues c = Configs.outboundValues("transport", "kafka", "servers", "h:2");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
    }
}
