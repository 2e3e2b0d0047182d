package dev.conduit.messaging;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * How an outgoing {@code conduit} channel publishes one message, attached with
 * {@code Message.of(payload).addMetadata(ConduitMetadata.key("order-42"))} on runtimes whose messages carry
 * metadata (SmallRye Reactive Messaging, as in WildFly; MicroProfile Reactive Messaging 3.0 itself has no message
 * metadata, so elsewhere an {@code Envelope} payload is the way to give a key). Without it a {@code byte[]} payload is
 * published without key to the channel's {@code topic}. An {@code Envelope} payload carries its own key (its
 * aggregate id) and headers; a key or headers given here apply to {@code byte[]} and {@code String} payloads only.
 *
 * @param key     the ordering key (Kafka record key; consumers order by it), or {@code null}
 * @param topic   a topic other than the channel's {@code topic}, or {@code null}
 * @param headers headers to send with a {@code byte[]} or {@code String} payload
 */
public record ConduitMetadata(String key, String topic, Map<String, String> headers) {

    private static final Method GET_METADATA = metadataLookup();

    public ConduitMetadata {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /**
     * The message's {@code ConduitMetadata}, or {@code null}: read through SmallRye's
     * {@code Message.getMetadata(Class)} where the runtime's {@code Message} has it.
     */
    static ConduitMetadata of(Message<?> message) {
        if (GET_METADATA == null) {
            return null;
        }
        try {
            Object found = GET_METADATA.invoke(message, ConduitMetadata.class);
            return found instanceof Optional<?> optional ? (ConduitMetadata) optional.orElse(null) : null;
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("could not read the message's metadata", e);
        }
    }

    private static Method metadataLookup() {
        try {
            return Message.class.getMethod("getMetadata", Class.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    public static ConduitMetadata key(String key) {
        return new ConduitMetadata(Objects.requireNonNull(key, "key"), null, Map.of());
    }

    public ConduitMetadata withTopic(String otherTopic) {
        return new ConduitMetadata(key, Objects.requireNonNull(otherTopic, "topic"), headers);
    }

    public ConduitMetadata withHeaders(Map<String, String> values) {
        return new ConduitMetadata(key, topic, values);
    }
}
