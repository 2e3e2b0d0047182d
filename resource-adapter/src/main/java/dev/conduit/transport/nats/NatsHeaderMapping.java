package dev.conduit.transport.nats;

import java.util.Map;

import io.nats.client.impl.Headers;

/** String headers to NATS headers; {@link NatsHeaderView} reads them back. */
final class NatsHeaderMapping {

    private NatsHeaderMapping() {
    }

    static Headers toNats(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return null;
        }
        Headers natsHeaders = new Headers();
        headers.forEach(natsHeaders::put);
        return natsHeaders;
    }
}
