package dev.conduit.demo.app;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
import dev.conduit.api.PublishResult;
import dev.conduit.facade.EventPublisher;

/** POST /api/orders?count=N publishes N order events through the adapter; GET /api/orders reports consumption. */
@Path("orders")
@Produces(MediaType.TEXT_PLAIN)
public class OrdersResource {

    private static final String[] LIFECYCLE = {"OrderPlaced", "OrderPaid", "OrderShipped"};

    @EJB
    EventPublisher events;

    @Inject
    ReceivedOrders received;

    @POST
    public String publish(@QueryParam("count") @DefaultValue("300") int count) {
        List<Envelope> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String orderId = "order-" + (i / LIFECYCLE.length);
            String type = LIFECYCLE[i % LIFECYCLE.length];
            batch.add(Envelope.builder(type).aggregateId(orderId)
                    .payload(("{\"order\":\"" + orderId + "\",\"step\":" + i + "}").getBytes(StandardCharsets.UTF_8))
                    .build());
        }
        long start = System.nanoTime();
        List<PublishResult> results = events.publishAll("orders", batch);
        long micros = (System.nanoTime() - start) / 1_000;
        return "published=" + results.size() + "\npublishMicros=" + micros + "\n";
    }

    @GET
    public String report() {
        return received.report();
    }
}
