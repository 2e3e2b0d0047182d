package dev.conduit.facade.tracing;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

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

    private static final Logger LOG = Logger.getLogger(ApplicationTelemetry.class.getName());
    private static volatile Optional<MessagingSpans> spans;

    private ApplicationTelemetry() {
    }

    /** The application's spans, or {@code null} when the server gives it no OpenTelemetry (tracing stays off). */
    static MessagingSpans spans() {
        Optional<MessagingSpans> found = spans;
        if (found == null) {
            found = create();
            spans = found;
        }
        return found.orElse(null);
    }

    private static Optional<MessagingSpans> create() {
        try {
            return Optional.of(new MessagingSpans(lookUp()));
        } catch (RuntimeException e) {
            // Payara, for one, throws when asked for the SDK of an application it has none for.
            LOG.log(Level.INFO, "Conduit tracing is off: the server has no OpenTelemetry for this application (" + e
                    + ")");
            return Optional.empty();
        }
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
