package dev.conduit.testsupport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import javax.transaction.xa.XAResource;

import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import dev.conduit.api.BatchEventListener;
import dev.conduit.api.EventListener;

/**
 * Stands in for the container's MDB endpoint factory: endpoints are proxies implementing MessageEndpoint and
 * EventListener that forward events to one test listener, the way the container forwards them to an MDB.
 */
public final class TestEndpointFactory implements MessageEndpointFactory {

    private final Object listener;
    private final Class<?> listenerType;
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger released = new AtomicInteger();

    public TestEndpointFactory(EventListener listener) {
        this.listener = listener;
        this.listenerType = EventListener.class;
    }

    private TestEndpointFactory(BatchEventListener listener) {
        this.listener = listener;
        this.listenerType = BatchEventListener.class;
    }

    /** Endpoints of an MDB that implements {@link BatchEventListener}. */
    public static TestEndpointFactory forBatches(BatchEventListener listener) {
        return new TestEndpointFactory(listener);
    }

    public int created() {
        return created.get();
    }

    public int released() {
        return released.get();
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource) {
        created.incrementAndGet();
        return (MessageEndpoint) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MessageEndpoint.class, listenerType}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "onEvent":
                        case "onEvents":
                            try {
                                return method.invoke(listener, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        case "release":
                            released.incrementAndGet();
                            return null;
                        case "beforeDelivery":
                        case "afterDelivery":
                            return null;
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        case "toString":
                            return "TestEndpoint";
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) {
        return createEndpoint(xaResource);
    }

    @Override
    public boolean isDeliveryTransacted(Method method) {
        return false;
    }

    @Override
    public String getActivationName() {
        return "test-endpoint";
    }

    @Override
    public Class<?> getEndpointClass() {
        return listenerType;
    }
}
