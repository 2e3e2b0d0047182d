package dev.conduit.it.tracing;

import java.nio.charset.StandardCharsets;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

import dev.conduit.api.Envelope;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.it.app.EventsResource;

/**
 * A request the server traces (MicroProfile Telemetry's JAX-RS instrumentation) that publishes one envelope
 * through a pooled factory, with no tracing code of its own; answers the request span's trace and span id.
 */
@Path("traced")
@Produces(MediaType.TEXT_PLAIN)
public class TracedResource {

    @Resource(lookup = EventsResource.KAFKA)
    EventStreamConnectionFactory kafka;

    @Resource(lookup = EventsResource.NATS)
    EventStreamConnectionFactory nats;

    @Inject
    TracedDeliveries deliveries;

    @POST
    @Path("{transport}/{topic}")
    public String publish(@PathParam("transport") String transport, @PathParam("topic") String topic) {
        SpanContext request = Span.current().getSpanContext();
        try (EventStreamConnection connection = ("nats".equals(transport) ? nats : kafka).getConnection()) {
            connection.publishEnvelope(topic, Envelope.builder("Traced").aggregateId("traced-1")
                    .payload(topic.getBytes(StandardCharsets.UTF_8)).build());
        }
        return request.getTraceId() + " " + request.getSpanId();
    }

    @GET
    @Path("{topic}")
    public String delivered(@PathParam("topic") String topic) {
        return String.join("\n", deliveries.of(topic));
    }
}
