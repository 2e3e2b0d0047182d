package dev.conduit.facade.tracing;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

import org.eclipse.microprofile.config.ConfigProvider;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;

/**
 * The application's OpenTelemetry, the one MicroProfile Telemetry makes a CDI bean (or, without CDI, the global
 * one an agent may have set). Looked up once, on an application thread; this class is in the application (the
 * facade is packaged in the WAR), so each application has its own. Loaded only once {@link Tracing} saw the API.
 *
 * <p>Tracing is on only where MicroProfile Telemetry's own switch is: {@code otel.sdk.disabled=false} in the
 * application's MicroProfile Config (which includes system properties and environment variables). Payara Micro
 * hands an application that left it off an OpenTelemetry that still makes spans but does not continue a trace
 * from a message (found by {@code TracingOffInContainerTest}): no tracing is better than half of it.
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
        if (!sdkEnabled()) {
            LOG.fine("Conduit tracing is off: otel.sdk.disabled is not false in the application's configuration");
            return Optional.empty();
        }
        try {
            return Optional.of(new MessagingSpans(lookUp()));
        } catch (RuntimeException e) {
            // Payara, for one, throws when asked for the SDK of an application it has none for.
            LOG.log(Level.INFO, "Conduit tracing is off: the server has no OpenTelemetry for this application (" + e
                    + ")");
            return Optional.empty();
        }
    }

    private static boolean sdkEnabled() {
        try {
            return !ConfigProvider.getConfig().getOptionalValue("otel.sdk.disabled", Boolean.class).orElse(true);
        } catch (IllegalStateException | LinkageError noMicroProfileConfig) {
            return true;
        }
    }

    private static OpenTelemetry lookUp() {
        Instance<OpenTelemetry> bean;
        try {
            bean = CDI.current().select(OpenTelemetry.class);
        } catch (IllegalStateException noCdiHere) {
            return GlobalOpenTelemetry.get();
        }
        return bean.isResolvable() ? bean.get() : GlobalOpenTelemetry.get();
    }
}
