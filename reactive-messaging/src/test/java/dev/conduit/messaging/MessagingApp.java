package dev.conduit.messaging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;

import org.eclipse.microprofile.config.ConfigProvider;

import io.smallrye.config.SmallRyeConfigProviderResolver;
import io.smallrye.reactive.messaging.providers.IncomingInterceptorDecorator;
import io.smallrye.reactive.messaging.providers.MediatorFactory;
import io.smallrye.reactive.messaging.providers.OutgoingInterceptorDecorator;
import io.smallrye.reactive.messaging.providers.connectors.ExecutionHolder;
import io.smallrye.reactive.messaging.providers.connectors.WorkerPoolRegistry;
import io.smallrye.reactive.messaging.providers.extension.ChannelProducer;
import io.smallrye.reactive.messaging.providers.extension.EmitterFactoryImpl;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import io.smallrye.reactive.messaging.providers.extension.LegacyEmitterFactoryImpl;
import io.smallrye.reactive.messaging.providers.extension.MediatorManager;
import io.smallrye.reactive.messaging.providers.extension.MutinyEmitterFactoryImpl;
import io.smallrye.reactive.messaging.providers.extension.ReactiveMessagingExtension;
import io.smallrye.reactive.messaging.providers.impl.ConfiguredChannelFactory;
import io.smallrye.reactive.messaging.providers.impl.ConnectorFactories;
import io.smallrye.reactive.messaging.providers.impl.InternalChannelRegistry;
import io.smallrye.reactive.messaging.providers.locals.ContextDecorator;
import io.smallrye.reactive.messaging.providers.wiring.Wiring;

/**
 * An application under SmallRye Reactive Messaging in Weld SE, as a server would run it: the runtime's beans, the
 * {@code conduit} connector, the application's beans, and its channel configuration (given as system properties,
 * which MicroProfile Config reads; removed again at close). Closing it is the application stopping.
 */
final class MessagingApp implements AutoCloseable {

    private static final List<Class<?>> RUNTIME = List.of(MediatorFactory.class, Wiring.class,
            ExecutionHolder.class, MediatorManager.class, WorkerPoolRegistry.class, InternalChannelRegistry.class,
            ChannelProducer.class, ConfiguredChannelFactory.class, ConnectorFactories.class, HealthCenter.class,
            ContextDecorator.class, EmitterFactoryImpl.class, MutinyEmitterFactoryImpl.class,
            LegacyEmitterFactoryImpl.class, OutgoingInterceptorDecorator.class, IncomingInterceptorDecorator.class,
            io.smallrye.config.inject.ConfigProducer.class);

    private final Map<String, String> config;
    private final SeContainer container;

    private MessagingApp(Map<String, String> config, SeContainer container) {
        this.config = config;
        this.container = container;
    }

    static MessagingApp start(Map<String, String> config, Class<?>... beans) {
        releaseConfig();
        config.forEach(System::setProperty);
        try {
            SeContainerInitializer initializer = SeContainerInitializer.newInstance().disableDiscovery()
                    .addExtensions(new ReactiveMessagingExtension())
                    .addBeanClasses(RUNTIME.toArray(new Class<?>[0]))
                    .addBeanClasses(ConduitConnector.class)
                    .addBeanClasses(beans);
            return new MessagingApp(Map.copyOf(config), initializer.initialize());
        } catch (RuntimeException e) {
            clear(config);
            throw e;
        }
    }

    /** Channel attributes, from alternating names (after {@code mp.messaging.}) and values. */
    static Map<String, String> config(String... namesAndValues) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            config.put("mp.messaging." + namesAndValues[i], namesAndValues[i + 1]);
        }
        return config;
    }

    <T> T bean(Class<T> type) {
        return container.select(type).get();
    }

    @Override
    public void close() {
        try {
            container.close();
        } finally {
            clear(config);
        }
    }

    private static void clear(Map<String, String> config) {
        config.keySet().forEach(System::clearProperty);
        releaseConfig();
    }

    private static void releaseConfig() {
        SmallRyeConfigProviderResolver.instance()
                .releaseConfig(ConfigProvider.getConfig(MessagingApp.class.getClassLoader()));
    }
}
