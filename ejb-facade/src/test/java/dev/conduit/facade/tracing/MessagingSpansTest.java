package dev.conduit.facade.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import dev.conduit.api.Envelope;
import dev.conduit.api.PublishTracing;
import dev.conduit.envelope.EnvelopeCodec;

/**
 * The spans of a publish and of its delivery, through the real wire mapping ({@link EnvelopeCodec}): the producer
 * span is a child of the request, its context travels as {@code traceparent}, the consumer span is its child and
 * is current in the listener; failures are recorded; an envelope with a trace of its own is left alone.
 */
class MessagingSpansTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
    private final OpenTelemetrySdk telemetry = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    private final MessagingSpans spans = new MessagingSpans(telemetry);

    @AfterEach
    void close() {
        tracerProvider.close();
    }

    @Test
    void aPublishInATracedRequestContinuesInTheListener() throws Exception {
        Span request = telemetry.getTracer("test").spanBuilder("POST /orders").setSpanKind(SpanKind.SERVER)
                .startSpan();
        Map<String, String> wire;
        try (Scope ignored = request.makeCurrent()) {
            PublishTracing.TracedPublish publish = spans.startPublish("kafka", "orders",
                    Envelope.builder("OrderPlaced").eventId("e-1").aggregateId("order-7").payload(new byte[0]).build());
            wire = EnvelopeCodec.toHeaders(publish.envelope());
            publish.completed(null);
        } finally {
            request.end();
        }
        SpanData producer = only(SpanKind.PRODUCER);
        String traceId = request.getSpanContext().getTraceId();
        assertThat(producer.getName()).isEqualTo("send orders");
        assertThat(producer.getTraceId()).isEqualTo(traceId);
        assertThat(producer.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
        assertThat(attribute(producer, MessagingSpans.SYSTEM)).isEqualTo("kafka");
        assertThat(attribute(producer, MessagingSpans.DESTINATION)).isEqualTo("orders");
        assertThat(attribute(producer, MessagingSpans.OPERATION_TYPE)).isEqualTo("send");
        assertThat(attribute(producer, MessagingSpans.MESSAGE_ID)).isEqualTo("e-1");
        assertThat(attribute(producer, MessagingSpans.KAFKA_KEY)).isEqualTo("order-7");
        assertThat(wire.get("traceparent")).as("flags: sampled, and random trace id with newer SDKs")
                .matches("00-" + traceId + "-" + producer.getSpanId() + "-0[13]");
        assertThat(wire).containsEntry("traceID", traceId);

        AtomicReference<SpanContext> inListener = new AtomicReference<>();
        Object answer = spans.process("kafka", new TestEvent("orders", 3, 42, wire), () -> {
            inListener.set(Span.current().getSpanContext());
            return "done";
        });

        SpanData consumer = only(SpanKind.CONSUMER);
        assertThat(answer).isEqualTo("done");
        assertThat(consumer.getName()).isEqualTo("process orders");
        assertThat(consumer.getTraceId()).isEqualTo(traceId);
        assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId());
        assertThat(inListener.get()).isEqualTo(consumer.getSpanContext());
        assertThat(attribute(consumer, MessagingSpans.OPERATION_TYPE)).isEqualTo("process");
        assertThat(attribute(consumer, MessagingSpans.MESSAGE_ID)).isEqualTo("e-1");
        assertThat(attribute(consumer, MessagingSpans.PARTITION)).isEqualTo("3");
        assertThat(consumer.getAttributes().get(AttributeKey.longKey(MessagingSpans.KAFKA_OFFSET))).isEqualTo(42L);
        assertThat(Span.current().getSpanContext().isValid()).as("nothing left current").isFalse();
    }

    @Test
    void failedPublishesAndListenersAreRecordedAndTheListenersFailureStillThrown() {
        PublishTracing.TracedPublish publish = spans.startPublish("nats", "orders",
                Envelope.builder("OrderPlaced").payload(new byte[0]).build());
        publish.completed(new IllegalStateException("no ack"));
        Map<String, String> wire = EnvelopeCodec.toHeaders(publish.envelope());

        assertThatThrownBy(() -> spans.process("nats", new TestEvent("orders", -1, 7, wire), () -> {
            throw new IllegalArgumentException("cannot handle");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("cannot handle");

        SpanData producer = only(SpanKind.PRODUCER);
        SpanData consumer = only(SpanKind.CONSUMER);
        assertThat(producer.getParentSpanContext().isValid()).as("no request: the publish starts the trace")
                .isFalse();
        assertThat(producer.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attribute(producer, MessagingSpans.ERROR_TYPE)).isEqualTo(IllegalStateException.class.getName());
        assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId());
        assertThat(consumer.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(consumer.getEvents()).anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception"));
        assertThat(consumer.getAttributes().get(AttributeKey.stringKey(MessagingSpans.PARTITION))).isNull();
    }

    @Test
    void anEnvelopeWithATraceOfItsOwnIsLeftAlone() {
        Span request = telemetry.getTracer("test").spanBuilder("request").startSpan();
        try (Scope ignored = request.makeCurrent()) {
            assertThat(spans.startPublish("kafka", "t", Envelope.builder("X").payload(new byte[0])
                    .traceId("0af7651916cd43dd8448eb211c80319c").build())).as("another trace id").isNull();
            assertThat(spans.startPublish("kafka", "t", Envelope.builder("X").payload(new byte[0])
                    .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01").build()))
                    .as("a traceparent of its own").isNull();
            assertThat(spans.startPublish("kafka", "t", Envelope.builder("X").payload(new byte[0])
                    .traceId(request.getSpanContext().getTraceId()).build())).as("this trace's id").isNotNull();
        } finally {
            request.end();
        }
    }

    @Test
    void aBatchIsProcessedInOneSpanLinkedToEveryMessagesContext() throws Exception {
        PublishTracing.TracedPublish first = spans.startPublish("kafka", "orders",
                Envelope.builder("A").payload(new byte[0]).build());
        PublishTracing.TracedPublish second = spans.startPublish("kafka", "orders",
                Envelope.builder("B").payload(new byte[0]).build());
        first.completed(null);
        second.completed(null);
        List<TestEvent> batch = List.of(
                new TestEvent("orders", 0, 1, EnvelopeCodec.toHeaders(first.envelope())),
                new TestEvent("orders", 0, 2, EnvelopeCodec.toHeaders(second.envelope())),
                new TestEvent("orders", 0, 3, Map.of("eventType", "untraced")));

        spans.processBatch("kafka", List.copyOf(batch), () -> null);

        SpanData consumer = only(SpanKind.CONSUMER);
        assertThat(consumer.getName()).isEqualTo("process orders");
        assertThat(consumer.getAttributes().get(AttributeKey.longKey(MessagingSpans.BATCH_COUNT))).isEqualTo(3L);
        assertThat(consumer.getLinks()).extracting(link -> link.getSpanContext().getSpanId())
                .containsExactlyInAnyOrderElementsOf(exported.getFinishedSpanItems().stream()
                        .filter(span -> span.getKind() == SpanKind.PRODUCER).map(SpanData::getSpanId).toList());
    }

    private SpanData only(SpanKind kind) {
        List<SpanData> ofKind = exported.getFinishedSpanItems().stream().filter(span -> span.getKind() == kind)
                .toList();
        assertThat(ofKind).as("%s spans", kind).hasSize(1);
        return ofKind.get(0);
    }

    private static String attribute(SpanData span, String name) {
        return span.getAttributes().get(AttributeKey.stringKey(name));
    }
}
