package dev.conduit.transport.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.nats.client.impl.Headers;

class NatsHeaderViewTest {

    @Test
    void readsSingleHeadersAndTheWholeMapWithTheLastValueOfARepeatedHeader() {
        Headers headers = new Headers().add("aggregateID", "order-7", "order-8").add("eventType", "OrderPlaced");
        NatsHeaderView view = new NatsHeaderView(headers);
        assertThat(view.get("aggregateID")).isEqualTo("order-8");
        assertThat(view.get("missing")).isNull();
        assertThat(view.containsKey("eventType")).isTrue();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("aggregateID", "order-8");
        expected.put("eventType", "OrderPlaced");
        assertThat(view).isEqualTo(expected);
    }

    @Test
    void aMessageWithoutHeadersIsAnEmptyMap() {
        NatsHeaderView view = new NatsHeaderView(null);
        assertThat(view).isEmpty();
        assertThat(view.get("aggregateID")).isNull();
        assertThat(view.containsKey("aggregateID")).isFalse();
    }
}
