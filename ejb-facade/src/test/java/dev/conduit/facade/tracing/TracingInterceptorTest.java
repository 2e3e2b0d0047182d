package dev.conduit.facade.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.interceptor.InvocationContext;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import dev.conduit.api.EventListener;
import dev.conduit.api.IncomingEvent;

/**
 * The interceptor as the EJB container calls it around an MDB's {@code onEvent}: outside CDI it takes the global
 * OpenTelemetry; the listener runs in a consumer span, child of the message's traceparent, named after the MDB's
 * transport activation property.
 */
class TracingInterceptorTest {

    private static final InMemorySpanExporter EXPORTED = InMemorySpanExporter.create();
    private static SdkTracerProvider tracerProvider;

    @BeforeAll
    static void globalTelemetry() {
        GlobalOpenTelemetry.resetForTest();
        tracerProvider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(EXPORTED)).build();
        GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setTracerProvider(tracerProvider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build());
    }

    @AfterAll
    static void reset() {
        tracerProvider.close();
        GlobalOpenTelemetry.resetForTest();
    }

    @Test
    void onEventRunsInAConsumerSpanChildOfTheMessagesContext() throws Exception {
        NatsMdb bean = new NatsMdb();
        IncomingEvent event = new TestEvent("payments", -1, 5, Map.of("eventID", "e-5",
                "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));

        new TracingInterceptor().traceDelivery(new Invocation(bean, EventListener.class.getMethod("onEvent",
                IncomingEvent.class), event));

        SpanData consumer = EXPORTED.getFinishedSpanItems().get(0);
        assertThat(consumer.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(consumer.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(consumer.getParentSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(consumer.getAttributes().get(AttributeKey.stringKey(MessagingSpans.SYSTEM))).isEqualTo("nats");
        assertThat(bean.seen.get()).isEqualTo(consumer.getSpanContext());
    }

    @MessageDriven(activationConfig = {
            @ActivationConfigProperty(propertyName = "transport", propertyValue = "nats"),
            @ActivationConfigProperty(propertyName = "topics", propertyValue = "payments")})
    static class NatsMdb implements EventListener {
        final AtomicReference<SpanContext> seen = new AtomicReference<>();

        @Override
        public void onEvent(IncomingEvent event) {
            seen.set(Span.current().getSpanContext());
        }
    }

    /** What the container passes to an around-invoke interceptor for one listener call. */
    private record Invocation(Object target, Method method, Object event) implements InvocationContext {
        @Override
        public Object getTarget() {
            return target;
        }

        @Override
        public Object getTimer() {
            return null;
        }

        @Override
        public Method getMethod() {
            return method;
        }

        @Override
        public Constructor<?> getConstructor() {
            return null;
        }

        @Override
        public Object[] getParameters() {
            return new Object[] {event};
        }

        @Override
        public void setParameters(Object[] params) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Object> getContextData() {
            return new HashMap<>();
        }

        @Override
        public Object proceed() throws Exception {
            return method.invoke(target, event);
        }
    }
}
