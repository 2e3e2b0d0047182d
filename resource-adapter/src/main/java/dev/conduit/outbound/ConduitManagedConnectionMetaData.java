package dev.conduit.outbound;

import jakarta.resource.spi.ManagedConnectionMetaData;

import dev.conduit.transport.Transport;

record ConduitManagedConnectionMetaData(Transport transport) implements ManagedConnectionMetaData {

    @Override
    public String getEISProductName() {
        return transport.description();
    }

    @Override
    public String getEISProductVersion() {
        return "unknown";
    }

    @Override
    public int getMaxConnections() {
        return 0;
    }

    @Override
    public String getUserName() {
        return null;
    }
}
