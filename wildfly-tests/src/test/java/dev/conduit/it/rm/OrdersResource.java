package dev.conduit.it.rm;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Lets the test (run as client) publish through the emitters and read what the incoming channels received. */
@Path("events")
@Produces(MediaType.TEXT_PLAIN)
public class OrdersResource {

    @Inject
    Orders orders;

    @POST
    @Path("{transport}/publish")
    public String publish(@PathParam("transport") String transport, @QueryParam("count") int count,
            @QueryParam("aggregates") int aggregates) throws InterruptedException {
        return orders.publish(transport, count, aggregates);
    }

    @GET
    @Path("{transport}/received")
    public String received(@PathParam("transport") String transport) {
        return String.join("\n", orders.received(transport));
    }

    @GET
    @Path("{transport}/received/count")
    public String receivedCount(@PathParam("transport") String transport) {
        return Integer.toString(orders.received(transport).size());
    }

    @GET
    @Path("stats")
    public String stats() {
        return orders.stats();
    }
}
