package dev.conduit.transport.nats;

import java.util.List;

import dev.conduit.config.CommonOptions;
import dev.conduit.config.Option;
import dev.conduit.config.Options;

/** The options only transport=nats reads. */
public final class NatsOptions {

    public static final Option<String> USERNAME = Option.string("natsUsername", "",
            "NATS user name (with natsPassword).");

    public static final Option<String> PASSWORD = Option.string("natsPassword", "",
            "NATS password; never logged.").secret();

    public static final Option<String> TOKEN = Option.string("natsToken", "",
            "NATS authentication token; never logged.").secret();

    public static final Option<String> CREDS_FILE = Option.string("natsCredsFile", "",
            "Path of a NATS credentials file (.creds: user JWT and NKey seed, as nsc or NGS issue them); the file's "
                    + "content is never logged.");

    public static final Option<String> NKEY_SEED = Option.string("natsNkeySeed", "",
            "NKey seed of a NATS user (starts with 'SU'); the server knows the user by its public key. Never "
                    + "logged.").secret();

    public static final Option<Integer> RECONNECT_WAIT_MS = Option.integer("reconnectWaitMs", 500, 10, 600_000,
            "Pause between reconnect attempts after the connection to the server was lost.");

    public static final Option<Integer> MAX_RECONNECTS = Option.integer("maxReconnects", -1, -1, 1_000_000,
            "Reconnect attempts before giving up; -1 retries forever.");

    public static final Option<Integer> ACK_WAIT_MS = Option.integer("ackWaitMs", 30_000, 1_000, 3_600_000,
            "How long the server waits for an ack before redelivering. Events the adapter holds longer (slow "
                    + "listener, queued behind their aggregate, retrying) are kept alive; after a lost connection, "
                    + "new events wait up to this long for the redelivery of what was lost.").inbound();

    public static final Option<Integer> MAX_ACK_PENDING = Option.integer("maxAckPending", 10_000, 1, 1_000_000,
            "Unacknowledged messages the server hands this group before it waits; bounds what is in flight.")
            .inbound();

    public static final Option<Integer> PARTITION_LEASE_MS = Option.integer("partitionLeaseMs", 6_000, 2_000, 600_000,
            "On a partitioned topic (topicConfig partitions > 1): how long an instance's claim on a partition lasts "
                    + "without renewal (renewed every quarter of it). An instance that cannot renew stops pulling "
                    + "the partition pollTimeoutMs + 1 s before its claim could be seen expired; another instance of "
                    + "the group then takes it over and first waits (up to ackWait) for what the first one left "
                    + "unacknowledged. Must be at least twice pollTimeoutMs + 1 s.").inbound();

    /** Everything transport=nats reads beyond the core options. */
    static final List<Option<?>> ALL = Options.join(List.of(CommonOptions.SERVERS, CommonOptions.CLIENT_ID,
            CommonOptions.TOPIC_CONFIG, CommonOptions.TOPIC_STRATEGY, USERNAME, PASSWORD, TOKEN, CREDS_FILE,
            NKEY_SEED), CommonOptions.TLS_OPTIONS, List.of(RECONNECT_WAIT_MS, MAX_RECONNECTS, ACK_WAIT_MS,
            MAX_ACK_PENDING, PARTITION_LEASE_MS));

    private NatsOptions() {
    }
}
