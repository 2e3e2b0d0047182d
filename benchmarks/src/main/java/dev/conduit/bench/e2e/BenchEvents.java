package dev.conduit.bench.e2e;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The events every contender consumes: 256-byte payloads over 1,000 aggregates, with the envelope's headers. */
final class BenchEvents {

    static final int AGGREGATES = 1_000;
    static final int PAYLOAD_BYTES = 256;
    private static final byte[] PAYLOAD = new byte[PAYLOAD_BYTES];

    private BenchEvents() {
    }

    static String aggregate(long i) {
        return "agg-" + i % AGGREGATES;
    }

    static byte[] key(long i) {
        return aggregate(i).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] payload() {
        return PAYLOAD;
    }

    static Map<String, String> headers(long i) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("eventID", Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-" + i);
        headers.put("eventType", "BenchEvent");
        headers.put("eventVersion", "1");
        headers.put("eventTime", Long.toString(System.currentTimeMillis()));
        headers.put("aggregateID", aggregate(i));
        return headers;
    }
}
