package dev.conduit.transport.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;

import dev.conduit.api.EventStreamException;
import dev.conduit.config.CommonOptions;
import dev.conduit.config.ConfigValues;

/**
 * Topic -> stream mapping and on-demand stream creation. A topic is a NATS subject; its stream is named after it
 * ({@link #streamName}) and captures exactly that subject. {@link #ensure} has a lock-free fast path (one map read)
 * for streams already known, and a single-flight slow path: concurrent first users of a topic wait for one
 * creation instead of racing.
 */
public final class NatsStreams {

    /** JetStream's "stream not found" API error code. */
    private static final int STREAM_NOT_FOUND = 10059;

    private final JetStreamManagement management;
    private final StorageType storage;
    private final int replicas;
    private final Duration maxAge;
    private final Duration timeout;
    private final ConcurrentMap<String, CompletableFuture<String>> streams = new ConcurrentHashMap<>();
    private final AtomicInteger creations = new AtomicInteger();

    public NatsStreams(JetStreamManagement management, ConfigValues config, Duration timeout) {
        this.management = management;
        this.storage = "memory".equals(config.get(CommonOptions.STREAM_STORAGE)) ? StorageType.Memory
                : StorageType.File;
        this.replicas = config.get(CommonOptions.STREAM_REPLICAS);
        this.maxAge = Duration.ofSeconds(config.get(CommonOptions.STREAM_MAX_AGE_SECONDS));
        this.timeout = timeout;
    }

    /** Stream names may not contain '.', '*', '>' or white space: every such character becomes '_'. */
    public static String streamName(String topic) {
        StringBuilder name = new StringBuilder(topic.length());
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-';
            name.append(keep ? c : '_');
        }
        return name.toString();
    }

    /**
     * Makes sure the topic's stream exists, creating it on first use. Returns the stream name.
     *
     * @throws EventStreamException when the stream cannot be created or another stream owns the name
     */
    public String ensure(String topic) {
        CompletableFuture<String> known = streams.get(topic);
        if (known == null) {
            CompletableFuture<String> mine = new CompletableFuture<>();
            known = streams.putIfAbsent(topic, mine);
            if (known == null) {
                create(topic, mine);
                known = mine;
            }
        }
        if (known.isDone() && !known.isCompletedExceptionally()) {
            return known.join();
        }
        return await(topic, known);
    }

    /** Streams this instance created (not found and added); for tests and metrics. */
    public int creations() {
        return creations.get();
    }

    private void create(String topic, CompletableFuture<String> result) {
        String name = streamName(topic);
        try {
            StreamInfo existing = lookup(name);
            if (existing == null) {
                management.addStream(StreamConfiguration.builder().name(name).subjects(topic).storageType(storage)
                        .replicas(replicas).maxAge(maxAge).build());
                creations.incrementAndGet();
            } else if (!existing.getConfiguration().getSubjects().contains(topic)) {
                throw new EventStreamException("NATS stream '" + name + "' exists but captures "
                        + existing.getConfiguration().getSubjects() + ", not topic '" + topic + "'; rename the "
                        + "topic or add the subject to that stream");
            }
            result.complete(name);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            streams.remove(topic, result);
            result.completeExceptionally(e instanceof EventStreamException ? e : new EventStreamException(
                    "could not create NATS stream '" + name + "' for topic '" + topic + "': " + e.getMessage(), e));
        }
    }

    private StreamInfo lookup(String name) throws IOException, JetStreamApiException {
        try {
            return management.getStreamInfo(name);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private String await(String topic, CompletableFuture<String> pending) {
        try {
            return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStreamException("interrupted while waiting for the stream of topic '" + topic + "'", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EventStreamException ese) {
                throw ese;
            }
            throw new EventStreamException("could not prepare the stream of topic '" + topic + "'", e.getCause());
        } catch (TimeoutException e) {
            throw new EventStreamException("the stream of topic '" + topic + "' was not ready within " + timeout, e);
        }
    }
}
