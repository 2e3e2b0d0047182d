package dev.conduit.transport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import dev.conduit.api.EventStreamException;
import dev.conduit.api.TopicOptions;
import dev.conduit.config.TopicStrategy;

/**
 * Makes topics exist, once. {@link #ensure} is one map read once a topic is known (the publish path); the first
 * users of a new topic share one provisioning (single flight) instead of racing, and a failed provisioning is
 * forgotten so the next use tries again. Transports say how to provision in {@link #provision}.
 */
public abstract class TopicProvisioner {

    private final TopicRegistry registry;
    private final TopicStrategy strategy;
    private final Duration timeout;
    private final ConcurrentMap<String, CompletableFuture<String>> ready = new ConcurrentHashMap<>();
    private final AtomicInteger creations = new AtomicInteger();

    protected TopicProvisioner(TopicRegistry registry, TopicStrategy strategy, Duration timeout) {
        this.registry = registry;
        this.strategy = strategy;
        this.timeout = timeout;
    }

    /**
     * Topics that live in this JVM (the in-memory transport, benchmark fakes): {@code create} makes one at once,
     * under its own name, with its options; every creation is counted.
     */
    public static TopicProvisioner local(TopicRegistry registry, BiConsumer<String, TopicOptions> create) {
        return new TopicProvisioner(registry, TopicStrategy.CREATE, Duration.ofSeconds(1)) {
            @Override
            protected String provision(String topic, TopicOptions options, TopicStrategy strategy) {
                create.accept(topic, options);
                created();
                return topic;
            }

            @Override
            protected String nameOf(String topic) {
                return topic;
            }
        };
    }

    /**
     * Makes sure the topic exists as configured; returns its physical name (Kafka topic, NATS stream).
     *
     * @throws EventStreamException saying why the topic cannot be used
     */
    public final String ensure(String topic) {
        CompletableFuture<String> known = ready.get(topic);
        if (known == null) {
            CompletableFuture<String> mine = new CompletableFuture<>();
            known = ready.putIfAbsent(topic, mine);
            if (known == null) {
                run(topic, mine);
                known = mine;
            }
        }
        if (known.isDone() && !known.isCompletedExceptionally()) {
            return known.join();
        }
        return await(topic, known);
    }

    /** The topic's options changed: provision it again on next use (create-or-update applies them). */
    public final void forget(String topic) {
        ready.remove(topic);
    }

    /** Topics this provisioner created (not found, then created). */
    public final int creations() {
        return creations.get();
    }

    public final TopicRegistry registry() {
        return registry;
    }

    protected final Duration timeout() {
        return timeout;
    }

    /** Creates, updates or checks the topic per {@code strategy}; calls {@link #created()} when it created one. */
    protected abstract String provision(String topic, TopicOptions options, TopicStrategy strategy)
            throws Exception;

    /** The physical name used when provisioning is skipped. */
    protected abstract String nameOf(String topic);

    protected final void created() {
        creations.incrementAndGet();
    }

    private void run(String topic, CompletableFuture<String> result) {
        if (strategy == TopicStrategy.SKIP) {
            result.complete(nameOf(topic));
            return;
        }
        try {
            result.complete(provision(topic, registry.options(topic), strategy));
        } catch (Exception e) {
            ready.remove(topic, result);
            result.completeExceptionally(e instanceof EventStreamException ? e : new EventStreamException(
                    "could not prepare topic '" + topic + "' (topicStrategy=" + strategy.id() + ") within "
                            + timeout.toMillis() + " ms: " + e, e));
        }
    }

    private String await(String topic, CompletableFuture<String> pending) {
        try {
            return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStreamException("interrupted while waiting for topic '" + topic + "'", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EventStreamException ese) {
                throw ese;
            }
            throw new EventStreamException("could not prepare topic '" + topic + "'", e.getCause());
        } catch (TimeoutException e) {
            throw new EventStreamException("topic '" + topic + "' was not ready within " + timeout.toMillis()
                    + " ms", e);
        }
    }
}
