package dev.conduit.inbound;

import java.util.List;

import dev.conduit.config.ServerAddresses;

/**
 * What an activation consumes, for logs, health and metrics tags.
 *
 * @param where the source's own detail (say, the servers it is connected to), empty if none; shown without the
 *              credentials a server URL may carry
 */
public record ActivationName(String transport, List<String> topics, String group, String where) {

    public ActivationName {
        topics = List.copyOf(topics);
        where = ServerAddresses.withoutCredentials(where);
    }

    /** {@code kafka [orders] group billing (localhost:9092)}. */
    public String description() {
        return transport + " " + topics + " group " + group + (where.isEmpty() ? "" : " (" + where + ")");
    }
}
