package dev.conduit.api;

/**
 * Traces envelope publishes, so that a publish inside a traced request continues that trace in the consumer. The
 * application supplies it (the EJB facade does, for MicroProfile Telemetry): the adapter finds it with
 * {@link java.util.ServiceLoader} through the thread context class loader when the application gets a
 * connection ({@code META-INF/services/dev.conduit.api.PublishTracing}), so the adapter itself needs no tracing
 * library and a server without one works unchanged.
 */
public interface PublishTracing {

    /**
     * Called on the publishing thread before an envelope is sent.
     *
     * @param transport the factory's transport ({@code kafka}, {@code nats}, {@code memory})
     * @return the publish to trace, or {@code null} to send {@code envelope} untraced
     */
    TracedPublish start(String transport, String topic, Envelope envelope);

    /** One traced publish, typically a producer span. */
    interface TracedPublish {

        /** What to send instead: the envelope with the trace context of this publish (its traceparent header). */
        Envelope envelope();

        /** Called once, on any thread: the broker acknowledged ({@code failure == null}) or the publish failed. */
        void completed(Throwable failure);
    }
}
