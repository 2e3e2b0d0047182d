package dev.conduit.facade.tracing;

import dev.conduit.api.Envelope;
import dev.conduit.api.PublishTracing;

/**
 * The adapter's publish hook for MicroProfile Telemetry, registered in {@code META-INF/services}: every envelope
 * an application publishes (through a factory or {@code EventPublisher}) gets a producer span, child of the
 * current span (the server's span of a JAX-RS request, a listener's consumer span), and carries its context to the
 * consumer. Does nothing where the server has no OpenTelemetry API or the SDK is disabled.
 */
public final class TelemetryPublishTracing implements PublishTracing {

    @Override
    public TracedPublish start(String transport, String topic, Envelope envelope) {
        if (!Tracing.available()) {
            return null;
        }
        MessagingSpans spans = ApplicationTelemetry.spans();
        return spans == null ? null : spans.startPublish(transport, topic, envelope);
    }
}
