package dev.conduit.facade.tracing;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;

/**
 * The application's OpenTelemetry, the one MicroProfile Telemetry makes a CDI bean (or, without it, the global
 * one an agent may have set). Looked up once, on an application thread; this class is in the application (the
 * facade is packaged in the WAR), so each application has its own. Loaded only once {@link Tracing} saw the API.
 */
final class ApplicationTelemetry {

    private static volatile MessagingSpans spans;

    private ApplicationTelemetry() {
    }

    static MessagingSpans spans() {
        MessagingSpans found = spans;
        if (found == null) {
            found = new MessagingSpans(lookUp());
            spans = found;
        }
        return found;
    }

    private static OpenTelemetry lookUp() {
        try {
            Instance<OpenTelemetry> bean = CDI.current().select(OpenTelemetry.class);
            if (bean.isResolvable()) {
                return bean.get();
            }
        } catch (IllegalStateException noCdiHere) {
            // Not called from a CDI application: fall through to the global instance.
        }
        return GlobalOpenTelemetry.get();
    }
}
