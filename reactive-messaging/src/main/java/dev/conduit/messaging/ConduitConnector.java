package dev.conduit.messaging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.eclipse.microprofile.reactive.messaging.spi.IncomingConnectorFactory;
import org.eclipse.microprofile.reactive.messaging.spi.OutgoingConnectorFactory;
import org.eclipse.microprofile.reactive.streams.operators.PublisherBuilder;
import org.eclipse.microprofile.reactive.streams.operators.ReactiveStreams;
import org.eclipse.microprofile.reactive.streams.operators.SubscriberBuilder;

import dev.conduit.adapter.SharedPublishers;
import dev.conduit.config.OutboundOptions;
import dev.conduit.transport.AdapterScope;
import dev.conduit.transport.TransportConfig;

/**
 * The MicroProfile Reactive Messaging connector {@code conduit}: {@code mp.messaging.incoming.<channel>.connector=
 * conduit} consumes through the adapter's inbound pipeline (ordered per aggregate, at-least-once, retries and
 * failure strategy as for MDBs), {@code mp.messaging.outgoing.<channel>.connector=conduit} publishes through its
 * shared publishers. Channels take the adapter's options by their names (see {@link ChannelSettings}). Everything
 * opened here is closed when the application stops (the bean is destroyed) or the runtime cancels a channel.
 */
@ApplicationScoped
@Connector(ConduitConnector.NAME)
public class ConduitConnector implements IncomingConnectorFactory, OutgoingConnectorFactory {

    public static final String NAME = "conduit";
    private static final Logger LOG = Logger.getLogger(ConduitConnector.class.getName());

    // Like one resource adapter: the in-memory transport's topics and the shared publishers live as long as the
    // application, shared by its channels.
    private final AdapterScope scope = new AdapterScope();
    private final SharedPublishers publishers = new SharedPublishers(scope);
    private final List<IncomingChannel> incoming = new CopyOnWriteArrayList<>();
    private final List<OutgoingChannel> outgoing = new CopyOnWriteArrayList<>();

    @Override
    public PublisherBuilder<? extends Message<?>> getPublisherBuilder(Config config) {
        String name = ChannelSettings.channel(config);
        TransportConfig settings = ChannelSettings.incoming(config);
        IncomingChannel channel = IncomingChannel.open(name, settings, scope);
        incoming.add(channel);
        LOG.info(() -> "Conduit: incoming channel '" + name + "' consuming " + settings);
        // The runtime may cancel the stream on one of the channel's own delivery threads, which closing waits for.
        // The channel stays in the list: stopping the application closes it again, which waits for that close.
        return channel.stream(channel::closeInBackground);
    }

    @Override
    public SubscriberBuilder<? extends Message<?>, Void> getSubscriberBuilder(Config config) {
        String name = ChannelSettings.channel(config);
        ChannelSettings.Outgoing settings = ChannelSettings.outgoing(config);
        OutgoingChannel channel = new OutgoingChannel(name, settings.topic(), publishers.acquire(settings.config()),
                settings.config().values().get(OutboundOptions.MAX_IN_FLIGHT), this::released);
        outgoing.add(channel);
        LOG.info(() -> "Conduit: outgoing channel '" + name + "' publishing to '" + settings.topic() + "' with "
                + settings.config());
        return ReactiveStreams.fromSubscriber(channel);
    }

    /**
     * Stops every channel: consumers stop (what was not acked is delivered again; one already closing in the
     * background is waited for), publishers flush and close.
     */
    @PreDestroy
    void stop() {
        incoming.forEach(IncomingChannel::close);
        incoming.clear();
        outgoing.forEach(OutgoingChannel::cancel);
        publishers.closeAll();
        scope.close();
    }

    private void released(OutgoingChannel channel) {
        if (outgoing.remove(channel)) {
            publishers.release(channel.publisher());
        }
    }
}
