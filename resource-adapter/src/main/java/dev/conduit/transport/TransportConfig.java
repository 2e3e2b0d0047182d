package dev.conduit.transport;

import dev.conduit.config.ConfigValues;

/** A validated configuration and the transport it selects. Equal values mean one shared client. */
public record TransportConfig(Transport transport, ConfigValues values) {

    @Override
    public String toString() {
        return transport.id() + " " + values;
    }
}
