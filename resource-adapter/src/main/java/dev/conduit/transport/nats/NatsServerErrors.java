package dev.conduit.transport.nats;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import io.nats.client.Connection;

/**
 * The last errors the server sent on each connection (-ERR: authorization and permission violations), so failures
 * that show up elsewhere (a publish never acknowledged, a connect that fails, a consumer that cannot be created)
 * can say what the server said. Rare events: a monitor is fine. Bounded per connection.
 */
final class NatsServerErrors {

    private static final int KEPT = 10;
    private static final Map<Connection, Deque<String>> RECENT = new WeakHashMap<>();
    private static final Deque<String> LAST_WITHOUT_CONNECTION = new ArrayDeque<>();

    private NatsServerErrors() {
    }

    static synchronized void record(Connection connection, String error) {
        Deque<String> errors = connection == null ? LAST_WITHOUT_CONNECTION
                : RECENT.computeIfAbsent(connection, c -> new ArrayDeque<>());
        errors.addLast(error);
        while (errors.size() > KEPT) {
            errors.removeFirst();
        }
    }

    /** The errors recorded for {@code connection} that contain {@code text} (case-insensitive), oldest first. */
    static synchronized List<String> matching(Connection connection, String text) {
        Deque<String> errors = connection == null ? LAST_WITHOUT_CONNECTION : RECENT.get(connection);
        if (errors == null) {
            return List.of();
        }
        String wanted = text.toLowerCase(java.util.Locale.ROOT);
        return errors.stream().filter(error -> error.toLowerCase(java.util.Locale.ROOT).contains(wanted)).toList();
    }
}
