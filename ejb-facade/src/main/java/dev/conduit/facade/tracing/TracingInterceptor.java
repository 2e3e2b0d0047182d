package dev.conduit.facade.tracing;

import java.lang.reflect.Method;
import java.util.List;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;

import dev.conduit.api.IncomingEvent;

/**
 * Continues the publisher's trace in a message-driven bean: {@code @Interceptors(TracingInterceptor.class)} on
 * the bean runs {@code onEvent} (or {@code onEvents}) inside a consumer span whose parent is the context the
 * message carries ({@code traceparent}), so {@code Span.current()} in the listener is part of the publisher's
 * trace. Does nothing where the server has no OpenTelemetry API.
 */
public class TracingInterceptor {

    /** The {@code transport} activation property of an annotated MDB class ({@code messaging.system}). */
    private static final ClassValue<String> TRANSPORT = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                MessageDriven bean = c.getAnnotation(MessageDriven.class);
                if (bean != null) {
                    for (ActivationConfigProperty property : bean.activationConfig()) {
                        if ("transport".equals(property.propertyName())) {
                            return property.propertyValue();
                        }
                    }
                }
            }
            return null;
        }
    };

    @AroundInvoke
    public Object traceDelivery(InvocationContext invocation) throws Exception {
        if (!Tracing.available()) {
            return invocation.proceed();
        }
        Method method = invocation.getMethod();
        Object[] arguments = invocation.getParameters();
        MessagingSpans spans = method == null || arguments == null || arguments.length != 1 ? null
                : ApplicationTelemetry.spans();
        if (spans == null) {
            return invocation.proceed();
        }
        String transport = invocation.getTarget() == null ? null : TRANSPORT.get(invocation.getTarget().getClass());
        if ("onEvent".equals(method.getName()) && arguments[0] instanceof IncomingEvent event) {
            return spans.process(transport, event, invocation::proceed);
        }
        if ("onEvents".equals(method.getName()) && arguments[0] instanceof List<?> batch && !batch.isEmpty()
                && batch.get(0) instanceof IncomingEvent) {
            @SuppressWarnings("unchecked")
            List<IncomingEvent> events = (List<IncomingEvent>) batch;
            return spans.processBatch(transport, events, invocation::proceed);
        }
        return invocation.proceed();
    }
}
