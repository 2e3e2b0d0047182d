package dev.conduit.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * State a transport keeps for as long as one resource adapter runs (the in-memory transport's topics): created on
 * first use, shared by that adapter's connection factories and activations, closed when the adapter stops. Two
 * adapters (two deployments, two tests) never see each other's.
 */
public final class AdapterScope implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AdapterScope.class.getName());

    private final Map<Class<?>, Object> shared = new ConcurrentHashMap<>();

    /** The adapter's one instance of {@code type}, created by {@code create} on first use. */
    public <T> T shared(Class<T> type, Supplier<? extends T> create) {
        return type.cast(shared.computeIfAbsent(type, key -> create.get()));
    }

    @Override
    public void close() {
        List<Object> all = new ArrayList<>(shared.values());
        shared.clear();
        for (Object value : all) {
            if (value instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "Conduit: closing " + value + " failed", e);
                }
            }
        }
    }
}
