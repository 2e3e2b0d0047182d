package dev.conduit.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.conduit.api.Envelope;

class EnvelopeCodecTest {

    @Test
    void roundTripsEveryField() {
        Envelope original = Envelope.builder("OrderPlaced").eventId("e-1").aggregateId("order-7").eventVersion(3)
                .payload("{}".getBytes(StandardCharsets.UTF_8)).header("tenant", "acme")
                .timestamp(Instant.ofEpochMilli(1_700_000_000_123L)).traceId("trace-9").build();

        Map<String, String> headers = EnvelopeCodec.toHeaders(original);

        assertThat(headers).containsEntry("aggregateID", "order-7").containsEntry("eventType", "OrderPlaced")
                .containsEntry("eventVersion", "3").containsEntry("eventTime", "1700000000123")
                .containsEntry("traceID", "trace-9").containsEntry("eventID", "e-1").containsEntry("tenant", "acme");
        assertThat(EnvelopeCodec.fromWire(headers, original.payload())).isEqualTo(original);
    }

    @Test
    void theAggregateIdIsTheLastHeaderWhereKafkaLooksFirst() {
        Envelope traced = Envelope.builder("OrderPlaced").aggregateId("order-7").header("tenant", "acme")
                .traceId("4bf92f3577b34da6a3ce929d0e0e4736").payload(new byte[0]).build();

        assertThat(EnvelopeCodec.toHeaders(traced).keySet()).last().isEqualTo("aggregateID");
    }

    @Test
    void optionalFieldsStayAbsent() {
        Envelope minimal = Envelope.builder("Ping").payload(new byte[0]).build();
        Map<String, String> headers = EnvelopeCodec.toHeaders(minimal);

        assertThat(headers).doesNotContainKeys("aggregateID", "traceID");
        Envelope decoded = EnvelopeCodec.fromWire(headers, new byte[0]);
        assertThat(decoded.aggregateId()).isNull();
        assertThat(decoded.eventId()).isEqualTo(minimal.eventId());
        assertThat(decoded.eventVersion()).isEqualTo(1);
    }

    @Test
    void malformedWireDataNamesTheHeader() {
        Map<String, String> headers = new HashMap<>(Map.of("eventType", "X", "eventVersion", "three"));
        assertThatThrownBy(() -> EnvelopeCodec.fromWire(headers, new byte[0]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'eventVersion' is not a number");
        assertThatThrownBy(() -> EnvelopeCodec.fromWire(Map.of("aggregateID", "a"), new byte[0]))
                .hasMessageContaining("header 'eventType' is missing");
        assertThat(EnvelopeCodec.carriesEnvelope(Map.of("aggregateID", "a"))).isFalse();
    }

    @Test
    void builderRejectsInvalidEnvelopes() {
        assertThatThrownBy(() -> Envelope.builder(" ").payload(new byte[0]).build())
                .hasMessageContaining("eventType must not be null or blank");
        assertThatThrownBy(() -> Envelope.builder("X").build())
                .hasMessageContaining("payload must not be null");
        assertThatThrownBy(() -> Envelope.builder("X").payload(new byte[0]).header("aggregateID", "a").build())
                .hasMessageContaining("header 'aggregateID' is reserved");
        assertThatThrownBy(() -> Envelope.builder("X").payload(new byte[0]).aggregateId("").build())
                .hasMessageContaining("aggregateId must not be empty");
    }

    @Test
    void aW3cTraceIdTravelsAsTraceparentWithAFreshSpanPerPublish() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Envelope envelope = Envelope.builder("OrderPlaced").traceId(traceId).payload(new byte[0]).build();

        String first = EnvelopeCodec.toHeaders(envelope).get(TraceParent.HEADER);
        String second = EnvelopeCodec.toHeaders(envelope).get(TraceParent.HEADER);

        assertThat(first).matches("00-" + traceId + "-[0-9a-f]{16}-01");
        assertThat(second).matches("00-" + traceId + "-[0-9a-f]{16}-01").isNotEqualTo(first);
        assertThat(EnvelopeCodec.toHeaders(Envelope.builder("X").traceId("t-1").payload(new byte[0]).build()))
                .as("not a W3C trace id: only the envelope header").doesNotContainKey(TraceParent.HEADER);
    }

    @Test
    void aTraceparentFromAnotherProducerBecomesTheEnvelopesTraceId() {
        Envelope received = EnvelopeCodec.fromWire(Map.of("eventType", "Paid", "eventID", "e-9",
                "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"), new byte[0]);
        assertThat(received.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");

        Envelope malformed = EnvelopeCodec.fromWire(Map.of("eventType", "Paid", "eventID", "e-9",
                "traceparent", "00-00000000000000000000000000000000-b7ad6b7169203331-01"), new byte[0]);
        assertThat(malformed.traceId()).isNull();
        assertThat(EnvelopeCodec.fromWire(Map.of("eventType", "Paid", "eventID", "e-9", "traceID", "own",
                "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"), new byte[0]).traceId())
                .isEqualTo("own");
    }

    @Test
    void aTraceparentTheApplicationSetIsSentAsItIs() {
        String producer = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Envelope envelope = Envelope.builder("OrderPlaced").traceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .header(TraceParent.HEADER, producer).header(TraceParent.STATE_HEADER, "vendor=1")
                .payload(new byte[0]).build();

        assertThat(EnvelopeCodec.toHeaders(envelope)).containsEntry(TraceParent.HEADER, producer)
                .containsEntry(TraceParent.STATE_HEADER, "vendor=1");
        assertThat(EnvelopeCodec.toHeaders(envelope.toBuilder().traceId(null).build()))
                .containsEntry(TraceParent.HEADER, producer).doesNotContainKey("traceID");
    }

    @Test
    void aMalformedOrMismatchedTraceparentIsRefusedNamingTheHeader() {
        Envelope malformed = Envelope.builder("X").header(TraceParent.HEADER, "00-abc-01").payload(new byte[0])
                .build();
        assertThatThrownBy(() -> EnvelopeCodec.toHeaders(malformed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'traceparent' is not a W3C traceparent");
        Envelope mismatched = Envelope.builder("X").traceId("0af7651916cd43dd8448eb211c80319c")
                .header(TraceParent.HEADER, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .payload(new byte[0]).build();
        assertThatThrownBy(() -> EnvelopeCodec.toHeaders(mismatched))
                .hasMessageContaining("names trace 4bf92f3577b34da6a3ce929d0e0e4736 but the envelope's traceId is "
                        + "0af7651916cd43dd8448eb211c80319c");
    }

    @Test
    void aReceivedEnvelopePublishedAgainStartsAHopOfItsOwn() {
        String delivered = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        Envelope received = EnvelopeCodec.fromWire(Map.of("eventType", "Paid", "eventID", "e-9", "tenant", "acme",
                "traceparent", delivered, "tracestate", "vendor=1"), new byte[0]);

        assertThat(received.headers()).containsOnlyKeys("tenant");
        String republished = EnvelopeCodec.toHeaders(received).get(TraceParent.HEADER);
        assertThat(republished).startsWith("00-0af7651916cd43dd8448eb211c80319c-").isNotEqualTo(delivered);
    }
}
