package dev.conduit.inbound;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.conduit.api.IncomingEvent;

/**
 * What every transport writes for an event that could not be delivered: the original key, payload and headers,
 * plus {@code conduit.dlt.*} headers saying where it came from and why, on {@code <topic>.DLT} unless a
 * dead-letter topic is configured. Built here once so the sinks only write it.
 *
 * @param topic   where the dead letter goes
 * @param headers the original headers (a stale reason from an earlier dead-lettering replaced) and the dlt ones
 */
public record DeadLetter(String topic, String key, byte[] payload, Map<String, String> headers) {

    /** @param fixedTopic the configured dead-letter topic, or null/blank for {@code <topic>.DLT} */
    public static DeadLetter of(IncomingEvent event, String reason, String fixedTopic) {
        String topic = fixedTopic == null || fixedTopic.isBlank() ? event.topic() + ".DLT" : fixedTopic;
        Map<String, String> headers = new LinkedHashMap<>(event.headers());
        headers.put(DeadLetterSink.HEADER_TOPIC, event.topic());
        headers.put(DeadLetterSink.HEADER_PARTITION, Integer.toString(event.partition()));
        headers.put(DeadLetterSink.HEADER_POSITION, Long.toString(event.position()));
        headers.put(DeadLetterSink.HEADER_REASON, reason);
        return new DeadLetter(topic, event.key(), event.payload(), Collections.unmodifiableMap(headers));
    }
}
