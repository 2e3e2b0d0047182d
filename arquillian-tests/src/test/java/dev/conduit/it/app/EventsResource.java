package dev.conduit.it.app;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.conduit.api.Envelope;
import dev.conduit.api.EventStreamConnection;
import dev.conduit.api.EventStreamConnectionFactory;
import dev.conduit.api.PublishResult;
import dev.conduit.facade.EventPublisher;

/**
 * The test's window into the application: publish through the adapter, read what the MDB received. The
 * application defines its connection factories itself, the portable way, so the same archive runs on Payara and
 * WildFly ({@code ${...}} values are resolved by the adapter from the server's system properties).
 */
@ConnectionFactoryDefinition(name = EventsResource.KAFKA, resourceAdapter = "conduit",
        interfaceName = "dev.conduit.api.EventStreamConnectionFactory", minPoolSize = 1, maxPoolSize = 16,
        properties = {"transport=kafka", "servers=${conduit.kafka.servers}", "clientId=conduit-it"})
@ConnectionFactoryDefinition(name = EventsResource.NATS, resourceAdapter = "conduit",
        interfaceName = "dev.conduit.api.EventStreamConnectionFactory", minPoolSize = 1, maxPoolSize = 16,
        properties = {"transport=nats", "servers=${conduit.nats.servers}", "clientId=conduit-it-nats",
                "reconnectWaitMs=100", "publishTimeoutMs=10000"})
@ConnectionFactoryDefinition(name = EventsResource.MEMORY, resourceAdapter = "conduit",
        interfaceName = "dev.conduit.api.EventStreamConnectionFactory", minPoolSize = 1, maxPoolSize = 16,
        properties = "transport=memory")
@Path("events")
@Produces(MediaType.TEXT_PLAIN)
public class EventsResource {

    public static final String KAFKA = "java:app/conduit/kafka";
    public static final String NATS = "java:app/conduit/nats";
    public static final String MEMORY = "java:app/conduit/memory";

    @Resource(lookup = KAFKA)
    EventStreamConnectionFactory kafka;

    @Resource(lookup = NATS)
    EventStreamConnectionFactory nats;

    @Resource(lookup = MEMORY)
    EventStreamConnectionFactory memory;

    @EJB
    EventPublisher publisher;

    @Resource
    jakarta.enterprise.concurrent.ManagedExecutorService executor;

    @Inject
    ReceivedEvents received;

    /**
     * Publishes {@code count} envelopes "prefix-i" (aggregate "agg-(i % 10)") on one connection, async pipelined,
     * and answers "elapsedMillis ackedIndexes..." (indexes the broker acknowledged).
     */
    @POST
    @Path("{transport}/{topic}/envelopes")
    public String publishEnvelopes(@PathParam("transport") String transport, @PathParam("topic") String topic,
                                   @QueryParam("count") int count, @QueryParam("from") @DefaultValue("0") int from,
                                   @QueryParam("prefix") @DefaultValue("e") String prefix) {
        long start = System.nanoTime();
        List<CompletableFuture<PublishResult>> acks = new ArrayList<>(count);
        try (EventStreamConnection connection = factory(transport).getConnection()) {
            for (int i = from; i < from + count; i++) {
                Envelope envelope = Envelope.builder("TestEvent").aggregateId("agg-" + (i % 10))
                        .payload((prefix + "-" + i).getBytes(StandardCharsets.UTF_8)).header("index", "" + i).build();
                acks.add(connection.publishEnvelopeAsync(topic, envelope).toCompletableFuture());
            }
        }
        StringBuilder acked = new StringBuilder();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).join();
                acked.append(' ').append(from + i);
            } catch (RuntimeException notAcknowledged) {
                // Reported by omission: the caller sees which indexes the broker confirmed.
            }
        }
        return (System.nanoTime() - start) / 1_000_000 + acked.toString();
    }

    /**
     * {@code threads} publishers hit a topic nobody used yet at the same moment, each on its own pooled connection.
     * Answers "streamsCreatedByThisBurst messagesAcknowledged".
     */
    @POST
    @Path("{transport}/{topic}/concurrent")
    public String publishConcurrently(@PathParam("transport") String transport, @PathParam("topic") String topic,
                                      @QueryParam("threads") int threads) throws Exception {
        EventStreamConnectionFactory target = factory(transport);
        int createdBefore;
        try (EventStreamConnection connection = target.getConnection()) {
            createdBefore = connection.metrics().topicsCreated();
        }
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<PublishResult>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int index = i;
            results.add(executor.submit(() -> {
                try (EventStreamConnection connection = target.getConnection()) {
                    start.await();
                    return connection.publish(topic, ("first-" + index).getBytes(StandardCharsets.UTF_8));
                }
            }));
        }
        start.countDown();
        int acknowledged = 0;
        for (java.util.concurrent.Future<PublishResult> result : results) {
            result.get(60, java.util.concurrent.TimeUnit.SECONDS);
            acknowledged++;
        }
        try (EventStreamConnection connection = target.getConnection()) {
            return (connection.metrics().topicsCreated() - createdBefore) + " " + acknowledged;
        }
    }

    private EventStreamConnectionFactory factory(String transport) {
        // A server-defined factory named in MicroProfile Config replaces the application's own (on WildFly, the
        // factories of the resource-adapters entry, which share the adapter instance with the MDBs).
        Optional<String> configured = ConfigProvider.getConfig().getOptionalValue("conduit.it.factory." + transport,
                String.class);
        if (configured.isPresent()) {
            return serverFactory(configured.get());
        }
        return switch (transport) {
            case "kafka" -> kafka;
            case "nats" -> nats;
            case "memory" -> memory;
            case "kafka-secure", "nats-secure" -> serverFactory("conduit/" + transport);
            default -> throw new jakarta.ws.rs.NotFoundException("unknown transport " + transport);
        };
    }

    /**
     * Factories the server defines (the secured brokers' ones are created by Payara's post-boot commands, as their
     * secrets are password aliases): looked up when asked for, so the application also deploys on servers that do
     * not have them.
     */
    private static EventStreamConnectionFactory serverFactory(String name) {
        try {
            return InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new jakarta.ws.rs.NotFoundException("no connection factory " + name + " on this server", e);
        }
    }

    /** Publishes one raw message synchronously through the EJB facade. */
    @POST
    @Path("{topic}/raw")
    public String publishRaw(@PathParam("topic") String topic, @QueryParam("key") String key,
                             @QueryParam("value") String value) {
        PublishResult result = publisher.publish(topic, key, value.getBytes(StandardCharsets.UTF_8));
        return result.partition() + "@" + result.position();
    }

    @GET
    @Path("{topic}/received")
    public String received(@PathParam("topic") String topic) {
        return String.join("\n", received.of(topic));
    }

    @GET
    @Path("{topic}/failures")
    public String failures(@PathParam("topic") String topic) {
        return Integer.toString(received.failures(topic));
    }

    @GET
    @Path("{topic}/largestBatch")
    public String largestBatch(@PathParam("topic") String topic) {
        return Integer.toString(received.largestBatch(topic));
    }

    @GET
    @Path("{topic}/received/count")
    public String receivedCount(@PathParam("topic") String topic) {
        return Integer.toString(received.of(topic).size());
    }
}
