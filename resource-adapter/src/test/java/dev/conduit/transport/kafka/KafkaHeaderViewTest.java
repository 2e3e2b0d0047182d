package dev.conduit.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class KafkaHeaderViewTest {

    private final Headers headers = new RecordHeaders()
            .add("aggregateID", bytes("order-7"))
            .add("eventType", bytes("OrderPlaced"))
            .add("aggregateID", bytes("order-8"))
            .add("empty", null);

    @Test
    void singleLookupsReadTheLastValueOfAHeader() {
        KafkaHeaderView view = new KafkaHeaderView(headers);
        assertThat(view.get("aggregateID")).isEqualTo("order-8");
        assertThat(view.get("missing")).isNull();
        assertThat(view.containsKey("eventType")).isTrue();
        assertThat(view.containsKey("missing")).isFalse();
        assertThat(view.get("empty")).isEmpty();
    }

    @Test
    void asAMapItIsEveryHeaderOnceInOrderAndReadOnly() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("aggregateID", "order-8");
        expected.put("eventType", "OrderPlaced");
        expected.put("empty", "");
        KafkaHeaderView view = new KafkaHeaderView(headers);
        assertThat(view).isEqualTo(expected).hasSize(3);
        assertThat(view.keySet()).containsExactly("aggregateID", "eventType", "empty");
        assertThat(view.get("eventType")).isEqualTo("OrderPlaced");
        assertThatThrownBy(() -> view.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
