package dev.conduit.outbound;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.conduit.api.PublishTracing;

/**
 * The {@link PublishTracing} of the application that gets a connection, looked up once per application class
 * loader. Weak keys: an undeployed application's loader is not held; reads take no lock.
 */
final class PublishTracings {

    private static final Logger LOG = Logger.getLogger(PublishTracings.class.getName());
    static final PublishTracing NONE = (transport, topic, envelope) -> null;
    private static final Cache<ClassLoader, PublishTracing> BY_LOADER = Caffeine.newBuilder().weakKeys().build();

    private PublishTracings() {
    }

    /** The tracing of the calling thread's application, or one that traces nothing. */
    static PublishTracing ofCurrentThread() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader == null ? NONE : BY_LOADER.get(loader, PublishTracings::load);
    }

    private static PublishTracing load(ClassLoader loader) {
        try {
            Iterator<PublishTracing> found = ServiceLoader.load(PublishTracing.class, loader).iterator();
            return found.hasNext() ? found.next() : NONE;
        } catch (ServiceConfigurationError | LinkageError e) {
            LOG.log(Level.WARNING, "publishes are not traced: the application's PublishTracing could not be loaded", e);
            return NONE;
        }
    }
}
