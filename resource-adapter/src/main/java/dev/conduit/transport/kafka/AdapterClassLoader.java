package dev.conduit.transport.kafka;

import java.util.function.Supplier;

/**
 * Creates kafka-clients objects with the adapter's own class loader as the thread's context class loader.
 * kafka-clients instantiates configured classes (metrics reporters, serializers, SASL callbacks) through the
 * context class loader; on a Work or container thread that is the server's, which may see another kafka-clients
 * (another RAR, an application) first: the client then fails with a {@code ClassCastException} between two copies
 * of its own classes. Seen with the Payara Cloud Connectors RAR deployed beside Conduit.
 */
final class AdapterClassLoader {

    private AdapterClassLoader() {
    }

    static <T> T create(Supplier<T> client) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(AdapterClassLoader.class.getClassLoader());
        try {
            return client.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
