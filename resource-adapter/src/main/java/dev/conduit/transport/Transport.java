package dev.conduit.transport;

import java.util.Locale;

/** The broker technologies behind the one API. */
public enum Transport {
    KAFKA, NATS;

    /** @throws IllegalArgumentException naming the allowed values */
    public static Transport of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown transport '" + name + "': use kafka or nats");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
