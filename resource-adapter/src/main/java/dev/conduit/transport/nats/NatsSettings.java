package dev.conduit.transport.nats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.nats.client.NKey;

import dev.conduit.config.CommonOptions;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.InboundOptions;
import dev.conduit.config.InvalidConfigurationException;
import dev.conduit.config.Option;

/** Deploy-time checks of NATS settings, without connecting. */
final class NatsSettings {

    private NatsSettings() {
    }

    static void validate(String subject, ConfigValues config) throws InvalidConfigurationException {
        List<String> methods = new ArrayList<>();
        if (!config.get(NatsOptions.USERNAME).isBlank()) {
            methods.add(NatsOptions.USERNAME.name());
        }
        for (Option<String> single : List.of(NatsOptions.TOKEN, NatsOptions.NKEY_SEED, NatsOptions.CREDS_FILE)) {
            if (!config.get(single).isBlank()) {
                methods.add(single.name());
            }
        }
        if (methods.size() > 1) {
            throw InvalidConfigurationException.of(subject, methods.get(1), "properties '" + String.join("' and '",
                    methods) + "' are all set; NATS authenticates with one of: a user and password, a token, an "
                    + "NKey seed or a credentials file");
        }
        String creds = config.get(NatsOptions.CREDS_FILE);
        if (!creds.isBlank() && !Files.isReadable(Path.of(creds))) {
            throw InvalidConfigurationException.of(subject, NatsOptions.CREDS_FILE.name(), "property '"
                    + NatsOptions.CREDS_FILE.name() + "' = '" + creds + "' is not a readable file");
        }
        String seed = config.get(NatsOptions.NKEY_SEED);
        if (!seed.isBlank()) {
            try {
                NKey.fromSeed(seed.toCharArray());
            } catch (RuntimeException e) {
                throw InvalidConfigurationException.of(subject, NatsOptions.NKEY_SEED.name(), "property '"
                        + NatsOptions.NKEY_SEED.name() + "' is not an NKey seed (it starts with 'SU' for a user)");
            }
        }
        for (Option<String> store : List.of(CommonOptions.TLS_TRUSTSTORE, CommonOptions.TLS_KEYSTORE)) {
            String path = config.get(store);
            if (!path.isBlank() && !Files.isReadable(Path.of(path))) {
                throw InvalidConfigurationException.of(subject, store.name(), "property '" + store.name() + "' = '"
                        + path + "' is not a readable file");
            }
        }
        try {
            NatsConnections.options(config, "validation");
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw InvalidConfigurationException.of(subject, CommonOptions.SERVERS.name(), "property '"
                    + CommonOptions.SERVERS.name() + "' = '" + config.get(CommonOptions.SERVERS) + "' is not a list "
                    + "of NATS URLs (nats://host:port,...): " + e.getMessage());
        }
    }

    /** An activation's partition lease against its pull timeout. */
    static void validateLease(String subject, ConfigValues config) throws InvalidConfigurationException {
        int lease = config.get(NatsOptions.PARTITION_LEASE_MS);
        int pollTimeout = config.get(InboundOptions.POLL_TIMEOUT_MS);
        if (lease < 2 * (pollTimeout + 1_000)) {
            // An owner that cannot renew stops pulling pollTimeoutMs + 1 s before its lease runs out; it needs
            // renewals (every quarter of the lease) to get through before that.
            throw InvalidConfigurationException.of(subject, NatsOptions.PARTITION_LEASE_MS.name(), "property '"
                    + NatsOptions.PARTITION_LEASE_MS.name() + "' = " + lease + " must be at least twice pollTimeoutMs"
                    + " + 1 s (" + 2 * (pollTimeout + 1_000) + " with pollTimeoutMs=" + pollTimeout + ")");
        }
    }
}
