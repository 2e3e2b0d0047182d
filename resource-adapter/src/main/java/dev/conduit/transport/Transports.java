package dev.conduit.transport;

import java.util.List;
import java.util.Optional;

import dev.conduit.transport.kafka.KafkaTransport;
import dev.conduit.transport.memory.MemoryTransport;
import dev.conduit.transport.nats.NatsTransport;

/** The registered transports: the one place that names them. Adding a transport adds one line here. */
public final class Transports {

    private static final List<Transport> ALL = List.of(new KafkaTransport(), new NatsTransport(),
            new MemoryTransport());

    private Transports() {
    }

    public static List<Transport> all() {
        return ALL;
    }

    public static Optional<Transport> find(String id) {
        return ALL.stream().filter(transport -> transport.id().equalsIgnoreCase(id.trim())).findFirst();
    }

    public static List<String> ids() {
        return ALL.stream().map(Transport::id).toList();
    }
}
