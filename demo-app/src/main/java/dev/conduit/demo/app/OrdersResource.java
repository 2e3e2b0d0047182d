package dev.conduit.demo.app;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.conduit.api.Envelope;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.api.PublishResult;
import dev.conduit.facade.EventPublisher;

/**
 * POST /api/orders?count=N&transport=kafka|nats publishes N order events through the adapter; GET /api/orders
 * reports what the MDBs consumed.
 */
@Path("orders")
@Produces(MediaType.TEXT_PLAIN)
public class OrdersResource {

    private static final String[] LIFECYCLE = {"OrderPlaced", "OrderPaid", "OrderShipped"};

    /** Kafka, through the EJB facade (its default factory conduit/default). */
    @EJB
    EventPublisher events;

    /** NATS, through the factory directly; the code is the same for either transport. */
    @Resource(lookup = "conduit/nats")
    EventStreamConnectionFactory nats;

    @Inject
    ReceivedOrders received;

    @POST
    public String publish(@QueryParam("count") @DefaultValue("300") int count,
                          @QueryParam("transport") @DefaultValue("kafka") String transport) {
        List<Envelope> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String orderId = "order-" + (i / LIFECYCLE.length);
            String type = LIFECYCLE[i % LIFECYCLE.length];
            batch.add(Envelope.builder(type).aggregateId(orderId)
                    .payload(("{\"order\":\"" + orderId + "\",\"step\":" + i + "}").getBytes(StandardCharsets.UTF_8))
                    .build());
        }
        long start = System.nanoTime();
        int published = "nats".equals(transport) ? publishDirectly(nats, batch) : events.publishAll("orders", batch)
                .size();
        long millis = (System.nanoTime() - start) / 1_000_000;
        return transport + ".published=" + published + "\n" + transport + ".publishMillis=" + millis + "\n";
    }

    @GET
    public String report() {
        return received.report();
    }

    private static int publishDirectly(EventStreamConnectionFactory factory, List<Envelope> batch) {
        List<CompletableFuture<PublishResult>> acks = new ArrayList<>(batch.size());
        try (EventStreamConnection connection = factory.getConnection()) {
            for (Envelope envelope : batch) {
                acks.add(connection.publishEnvelopeAsync("orders", envelope).toCompletableFuture());
            }
            acks.forEach(CompletableFuture::join);
        }
        return acks.size();
    }
}
