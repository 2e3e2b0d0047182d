package dev.conduit.transport.nats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nats.client.impl.Headers;

/** String headers to NATS headers and back; a repeated NATS header keeps its last value. */
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

    static Map<String, String> fromNats(Headers headers) {
        Map<String, String> map = new LinkedHashMap<>();
        if (headers != null) {
            for (String name : headers.keySet()) {
                List<String> values = headers.get(name);
                map.put(name, values == null || values.isEmpty() ? "" : values.get(values.size() - 1));
            }
        }
        return map;
    }
}
