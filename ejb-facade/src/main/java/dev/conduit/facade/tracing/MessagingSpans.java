package dev.conduit.facade.tracing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

import dev.conduit.api.Envelope;
import dev.conduit.api.EnvelopeHeaders;
import dev.conduit.api.IncomingEvent;
import dev.conduit.api.PublishTracing;

/**
 * Producer and consumer spans after OpenTelemetry's messaging semantic conventions: a {@code send <topic>} span
 * (kind PRODUCER) per envelope publish, child of the current context, whose context travels in the envelope's
 * headers through the application's propagators (W3C {@code traceparent} by default); a {@code process <topic>}
 * span (kind CONSUMER) around the listener, child of the context the message carries (a batch: linked to each
 * message's context, as the conventions say for batches). Uses only API that OpenTelemetry 1.29 already had.
 */
final class MessagingSpans {

    static final String SYSTEM = "messaging.system";
    static final String DESTINATION = "messaging.destination.name";
    static final String OPERATION_TYPE = "messaging.operation.type";
    static final String OPERATION_NAME = "messaging.operation.name";
    static final String MESSAGE_ID = "messaging.message.id";
    static final String PARTITION = "messaging.destination.partition.id";
    static final String KAFKA_KEY = "messaging.kafka.message.key";
    static final String KAFKA_OFFSET = "messaging.kafka.offset";
    static final String BATCH_COUNT = "messaging.batch.message_count";
    static final String ERROR_TYPE = "error.type";

    private static final TextMapGetter<Map<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    MessagingSpans(OpenTelemetry telemetry) {
        this.tracer = telemetry.getTracer("dev.conduit");
        this.propagator = telemetry.getPropagators().getTextMapPropagator();
    }

    /**
     * A producer span for one publish, its context in the envelope; {@code null} (publish untraced) when tracing
     * is off or the application gave the envelope a trace of its own (a {@code traceparent}, or another trace id).
     */
    PublishTracing.TracedPublish startPublish(String transport, String topic, Envelope envelope) {
        if (envelope.headers().containsKey("traceparent")) {
            return null;
        }
        SpanContext current = Span.current().getSpanContext();
        if (envelope.traceId() != null && !(current.isValid() && current.getTraceId().equals(envelope.traceId()))) {
            return null;
        }
        SpanBuilder builder = tracer.spanBuilder("send " + topic).setSpanKind(SpanKind.PRODUCER)
                .setAttribute(SYSTEM, transport).setAttribute(DESTINATION, topic)
                .setAttribute(OPERATION_TYPE, "send").setAttribute(OPERATION_NAME, "send")
                .setAttribute(MESSAGE_ID, envelope.eventId());
        if (envelope.aggregateId() != null && "kafka".equals(transport)) {
            builder.setAttribute(KAFKA_KEY, envelope.aggregateId());
        }
        Span span = builder.startSpan();
        if (!span.getSpanContext().isValid()) {
            span.end();
            return null;
        }
        Map<String, String> context = new LinkedHashMap<>();
        propagator.inject(Context.current().with(span), context, Map::put);
        Envelope traced = envelope.toBuilder().traceId(span.getSpanContext().getTraceId()).headers(context).build();
        return new ProducerSpan(span, traced);
    }

    /** Runs {@code listener} with a consumer span current, child of the context {@code event} carries. */
    Object process(String transport, IncomingEvent event, Callable<Object> listener) throws Exception {
        Context parent = propagator.extract(Context.current(), event.headers(), HEADERS);
        SpanBuilder builder = tracer.spanBuilder("process " + event.topic()).setSpanKind(SpanKind.CONSUMER)
                .setParent(parent);
        describe(builder, transport, event.topic());
        String eventId = event.headers().get(EnvelopeHeaders.EVENT_ID);
        if (eventId != null) {
            builder.setAttribute(MESSAGE_ID, eventId);
        }
        if (event.partition() >= 0) {
            builder.setAttribute(PARTITION, Integer.toString(event.partition()));
            if ("kafka".equals(transport)) {
                builder.setAttribute(KAFKA_OFFSET, event.position());
            }
        }
        return run(builder.startSpan(), listener);
    }

    /** Runs a batch listener with one consumer span current, linked to the context of each message. */
    Object processBatch(String transport, List<IncomingEvent> events, Callable<Object> listener) throws Exception {
        String topic = events.stream().map(IncomingEvent::topic).distinct().count() == 1 ? events.get(0).topic()
                : null;
        SpanBuilder builder = tracer.spanBuilder(topic == null ? "process" : "process " + topic)
                .setSpanKind(SpanKind.CONSUMER).setAttribute(BATCH_COUNT, (long) events.size());
        describe(builder, transport, topic);
        for (IncomingEvent event : events) {
            SpanContext sent = Span.fromContext(propagator.extract(Context.root(), event.headers(), HEADERS))
                    .getSpanContext();
            if (sent.isValid()) {
                builder.addLink(sent);
            }
        }
        return run(builder.startSpan(), listener);
    }

    private static void describe(SpanBuilder builder, String transport, String topic) {
        if (transport != null) {
            builder.setAttribute(SYSTEM, transport);
        }
        if (topic != null) {
            builder.setAttribute(DESTINATION, topic);
        }
        builder.setAttribute(OPERATION_TYPE, "process").setAttribute(OPERATION_NAME, "process");
    }

    private static Object run(Span span, Callable<Object> listener) throws Exception {
        try (Scope ignored = span.makeCurrent()) {
            return listener.call();
        } catch (Exception | Error e) {
            failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private static void failed(Span span, Throwable failure) {
        span.recordException(failure);
        span.setAttribute(ERROR_TYPE, failure.getClass().getName());
        span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
    }

    /** A publish's producer span, ended when the broker answered. */
    private record ProducerSpan(Span span, Envelope envelope) implements PublishTracing.TracedPublish {
        @Override
        public void completed(Throwable failure) {
            if (failure != null) {
                failed(span, failure);
            }
            span.end();
        }
    }
}
