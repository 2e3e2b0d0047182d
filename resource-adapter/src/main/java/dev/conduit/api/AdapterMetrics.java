package dev.conduit.api;

import java.util.List;

/**
 * A snapshot of the adapter's counters, for metrics exporters: one entry per shared publishing client and per MDB
 * activation. Counters count since the client or activation started. Nothing here is a secret: servers are shown
 * without any {@code user:password@} part.
 *
 * @param publishers  one per shared publishing client (one per distinct factory configuration in use)
 * @param activations one per running MDB activation
 */
public record AdapterMetrics(List<Publisher> publishers, List<Activation> activations) {

    public AdapterMetrics {
        publishers = List.copyOf(publishers);
        activations = List.copyOf(activations);
    }

    /**
     * A shared publishing client.
     *
     * @param transport the transport's id ({@code kafka}, {@code nats}, {@code memory})
     * @param servers   the brokers it talks to, without credentials; empty for a transport without servers
     * @param clientId  the factory's client id, empty for a transport without one
     * @param totals    its counters over all topics
     * @param topics    its counters per topic it published to (accepted by the transport), by topic name
     */
    public record Publisher(String transport, String servers, String clientId, PublisherMetrics totals,
                            List<TopicCounts> topics) {

        public Publisher {
            topics = List.copyOf(topics);
        }
    }

    /**
     * Publishes to one topic.
     *
     * @param published acknowledged by the broker
     * @param failed    refused by the broker or not acknowledged in time
     */
    public record TopicCounts(String topic, long published, long failed) {
    }

    /**
     * A running MDB activation.
     *
     * @param transport      the transport's id
     * @param topics         the topics it consumes
     * @param group          its consumer group (Kafka) or durable consumer (NATS)
     * @param mode           {@code CATCH_UP} until its backlog first fell to the catch-up threshold, then
     *                       {@code NORMAL}
     * @param lag            events on the brokers not fetched yet at the last measurement, -1 before the first
     * @param buffered       events fetched and not completed yet (queued or in a listener)
     * @param consumed       events the listener completed
     * @param failedAttempts delivery attempts that threw
     * @param deadLettered   events sent to the dead-letter topic
     * @param ignored        events given up on without delivery (failureStrategy=ignore)
     */
    public record Activation(String transport, List<String> topics, String group, String mode, long lag,
                             long buffered, long consumed, long failedAttempts, long deadLettered, long ignored) {

        public Activation {
            topics = List.copyOf(topics);
        }
    }
}
