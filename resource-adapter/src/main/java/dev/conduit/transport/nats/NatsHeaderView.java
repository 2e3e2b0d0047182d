package dev.conduit.transport.nats;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.nats.client.impl.Headers;

/**
 * A consumed message's headers as a read-only map, copied only when read as a whole: the puller needs one header
 * per message (the aggregate id), and copying them all there was a seventh of an in-container consumer's CPU.
 * A repeated header keeps its last value.
 */
final class NatsHeaderView extends AbstractMap<String, String> {

    private final Headers headers;
    private Map<String, String> copied;

    NatsHeaderView(Headers headers) {
        this.headers = headers;
    }

    @Override
    public String get(Object key) {
        if (copied != null || !(key instanceof String name)) {
            return all().get(key);
        }
        return headers == null ? null : last(headers.get(name));
    }

    @Override
    public boolean containsKey(Object key) {
        return copied != null || !(key instanceof String name) ? all().containsKey(key)
                : headers != null && headers.containsKey(name);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return all().entrySet();
    }

    private Map<String, String> all() {
        Map<String, String> map = copied;
        if (map == null) {
            Map<String, String> values = new LinkedHashMap<>();
            if (headers != null) {
                for (String name : headers.keySet()) {
                    values.put(name, last(headers.get(name)));
                }
            }
            map = Collections.unmodifiableMap(values);
            copied = map;
        }
        return map;
    }

    private static String last(List<String> values) {
        return values == null ? null : values.isEmpty() ? "" : values.get(values.size() - 1);
    }
}
