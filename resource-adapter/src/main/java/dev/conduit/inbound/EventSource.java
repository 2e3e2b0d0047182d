package dev.conduit.inbound;

import java.util.List;

/**
 * A transport's inbound side of one activation, as the pipeline sees it. A source only fetches what the
 * activation's {@link Dispatch} has room for, hands events over in broker order, and commits or acknowledges what
 * completed ({@link InFlightEvent#completed()}); ordering, retries, failure strategies and endpoints are the
 * pipeline's. Created connected and prepared by {@code Transport.inbound}; fetching starts when the activation
 * schedules its {@link #fetchers}.
 */
public interface EventSource extends AutoCloseable {

    /** Where failureStrategy=dead-letter stores events; written to only by delivery workers. */
    DeadLetterSink deadLetters();

    /** The long-running works that fetch (a Kafka poller, one NATS puller per topic), run as container Work. */
    List<AdapterWork> fetchers(SourceContext context);

    /** Where it reads from, for logs (the servers); empty when there is nothing to say. */
    default String where() {
        return "";
    }

    /** Whether the source is connected to its brokers now (for health); read from any thread, never blocks. */
    default boolean connected() {
        return true;
    }

    /** Releases connections and clients; called once every fetcher and delivery worker finished. */
    @Override
    void close();
}
