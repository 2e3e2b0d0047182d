package dev.conduit.api;

import java.util.List;

/**
 * Whether the adapter can do its work, for readiness checks: every shared publishing client connected to its
 * brokers, every MDB activation consuming (not stopped by failureStrategy=fail or a refused login, not cut off
 * from its broker). Details never hold a secret.
 *
 * @param up     every check is up (readiness)
 * @param live   no activation lost a thread it needs while it should be running (liveness: only a redeploy or a
 *               restart brings such a thread back)
 * @param checks one per publishing client and per activation
 */
public record AdapterHealth(boolean up, boolean live, List<Check> checks) {

    /** One client or activation: what it is, whether it is up, and why not. */
    public record Check(String name, boolean up, String detail) {
    }

    public AdapterHealth {
        checks = List.copyOf(checks);
    }

    public static AdapterHealth of(List<Check> checks, boolean live) {
        return new AdapterHealth(checks.stream().allMatch(Check::up), live, checks);
    }
}
