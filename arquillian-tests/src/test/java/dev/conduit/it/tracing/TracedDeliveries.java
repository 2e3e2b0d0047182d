package dev.conduit.it.tracing;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

import dev.conduit.api.IncomingEvent;

/**
 * What the traced MDBs saw in their listener, per topic: "traceId spanId parentSpanId traceparent" of the span
 * current there, the parent as the server's SDK recorded it.
 */
@ApplicationScoped
public class TracedDeliveries {

    private final Map<String, Queue<String>> byTopic = new ConcurrentHashMap<>();

    void record(IncomingEvent event) {
        Span current = Span.current();
        SpanContext context = current.getSpanContext();
        byTopic.computeIfAbsent(event.topic(), t -> new ConcurrentLinkedQueue<>()).add(context.getTraceId() + " "
                + context.getSpanId() + " " + parentSpanId(current) + " " + event.headers().get("traceparent"));
    }

    List<String> of(String topic) {
        return new ArrayList<>(byTopic.getOrDefault(topic, new ConcurrentLinkedQueue<>()));
    }

    /**
     * The SDK's span (ReadableSpan) knows its parent; the application sees only the API, so the parent is read
     * through the public interface the server's span class implements.
     */
    private static String parentSpanId(Span span) {
        for (Class<?> type = span.getClass(); type != null; type = type.getSuperclass()) {
            for (Class<?> contract : type.getInterfaces()) {
                try {
                    Method parent = contract.getMethod("getParentSpanContext");
                    return ((SpanContext) parent.invoke(span)).getSpanId();
                } catch (NoSuchMethodException notThisOne) {
                    // another interface
                } catch (ReflectiveOperationException e) {
                    return "unreadable:" + e;
                }
            }
        }
        return "unknown(" + span.getClass().getName() + ")";
    }
}
