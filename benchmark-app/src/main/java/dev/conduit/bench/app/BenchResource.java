package dev.conduit.bench.app;

import jakarta.inject.Inject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

    /** When the first event since the last reset arrived (wall-clock microseconds since the epoch), or 0. */
    @GET
    @Path("{topic}/first")
    public String first(@PathParam("topic") String topic) {
        return Long.toString(counters.firstAtMicros(topic));
    }

    /**
     * Answers once {@code count} events arrived (checked every millisecond inside the server, so measuring does not
     * cost a request per check), or after {@code timeoutMs} with what arrived: "count firstAtMicros reachedAtMicros"
     * (wall-clock microseconds since the epoch of the first event and of the check that saw the count reached).
     */
    @GET
    @Path("{topic}/await/{count}")
    public String await(@PathParam("topic") String topic, @PathParam("count") long count,
                        @QueryParam("timeoutMs") @DefaultValue("180000") long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        long received;
        while ((received = counters.get(topic)) < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return received + " " + counters.firstAtMicros(topic) + " " + Counters.nowMicros();
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
