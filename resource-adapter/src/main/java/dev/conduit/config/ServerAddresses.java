package dev.conduit.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Broker addresses as they may be shown (health, metrics): without the credentials a URL can carry. */
public final class ServerAddresses {

    private ServerAddresses() {
    }

    /**
     * {@code nats://alice:secret@host:4222,nats://token@other:4222} becomes {@code nats://host:4222,
     * nats://other:4222}. Everything before an address's last {@code @} goes, so a password holding {@code @} or
     * {@code /} does not leave a piece behind; host names never hold one.
     */
    public static String withoutCredentials(String servers) {
        if (servers == null || servers.indexOf('@') < 0) {
            return servers == null ? "" : servers;
        }
        return Arrays.stream(servers.split(",", -1))
                .map(ServerAddresses::addressWithoutCredentials)
                .collect(Collectors.joining(","));
    }

    private static String addressWithoutCredentials(String address) {
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return address;
        }
        int scheme = address.indexOf("://");
        String prefix = scheme >= 0 && scheme < at ? address.substring(0, scheme + 3) : leadingSpace(address);
        return prefix + address.substring(at + 1);
    }

    private static String leadingSpace(String address) {
        int start = 0;
        while (start < address.length() && Character.isWhitespace(address.charAt(start))) {
            start++;
        }
        return address.substring(0, start);
    }
}
