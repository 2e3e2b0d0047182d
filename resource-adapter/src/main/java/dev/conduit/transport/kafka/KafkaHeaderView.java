package dev.conduit.transport.kafka;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A consumed record's headers as strings, decoded only when read: the poller thread needs one header per record
 * (the aggregate id) and decoding them all there was a sixth of an in-container consumer's CPU. A single-key
 * lookup decodes that header alone; anything else decodes all of them once. Read-only; a repeated header keeps
 * its last value.
 */
final class KafkaHeaderView extends AbstractMap<String, String> {

    private final Headers headers;
    private Map<String, String> decoded;

    KafkaHeaderView(Headers headers) {
        this.headers = headers;
    }

    @Override
    public String get(Object key) {
        if (decoded != null || !(key instanceof String name)) {
            return all().get(key);
        }
        Header header = headers.lastHeader(name);
        return header == null ? null : text(header);
    }

    @Override
    public boolean containsKey(Object key) {
        return decoded != null || !(key instanceof String name) ? all().containsKey(key)
                : headers.lastHeader(name) != null;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return all().entrySet();
    }

    private Map<String, String> all() {
        Map<String, String> map = decoded;
        if (map == null) {
            Map<String, String> texts = new LinkedHashMap<>();
            for (Header header : headers) {
                texts.put(header.key(), text(header));
            }
            map = Collections.unmodifiableMap(texts);
            decoded = map;
        }
        return map;
    }

    private static String text(Header header) {
        return header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
