package dev.conduit.facade.tracing;

/**
 * Whether the OpenTelemetry API is visible to the application (MicroProfile Telemetry on the server). The other
 * public classes of this package ask it before touching a class that uses the API, so they load and do nothing on
 * a server without it.
 */
final class Tracing {

    private static final boolean AVAILABLE = apiVisible();

    private Tracing() {
    }

    static boolean available() {
        return AVAILABLE;
    }

    private static boolean apiVisible() {
        try {
            Class.forName("io.opentelemetry.api.trace.Span", false, Tracing.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
