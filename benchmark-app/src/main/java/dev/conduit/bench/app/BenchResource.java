package dev.conduit.bench.app;

import jakarta.inject.Inject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;

/** The benchmark driver's window: how many events each topic's MDB received. */
@Path("count")
@Produces(MediaType.TEXT_PLAIN)
public class BenchResource {

    @Inject
    Counters counters;

    @GET
    @Path("{topic}")
    public String count(@PathParam("topic") String topic) {
        return Long.toString(counters.get(topic));
    }

    @DELETE
    @Path("{topic}")
    public void reset(@PathParam("topic") String topic) {
        counters.reset(topic);
    }

    @ApplicationPath("bench")
    public static class BenchApplication extends Application {
    }
}
