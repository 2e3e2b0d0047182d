package dev.conduit.brokers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.nats.client.NKey;
import io.nats.client.support.JsonSerializable;
import io.nats.client.support.JwtUtils;

/**
 * A throw-away NATS operator with one JetStream-enabled account, the way nsc sets one up: the operator signs the
 * account's JWT, the account signs its users' JWTs, and users connect with a credentials file (user JWT and NKey
 * seed). {@link #configLines()} runs nats-server in operator mode with the account preloaded.
 */
public final class NatsOperator {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final NKey account;
    private final String accountKey;
    private final String operatorJwt;
    private final String accountJwt;
    private final String systemKey;
    private final String systemJwt;

    private NatsOperator(NKey account, String accountKey, String operatorJwt, String accountJwt, String systemKey,
                         String systemJwt) {
        this.account = account;
        this.accountKey = accountKey;
        this.operatorJwt = operatorJwt;
        this.accountJwt = accountJwt;
        this.systemKey = systemKey;
        this.systemJwt = systemJwt;
    }

    public static NatsOperator create() {
        try {
            NKey operator = NKey.createOperator(RANDOM);
            NKey account = NKey.createAccount(RANDOM);
            String operatorKey = new String(operator.getPublicKey());
            String operatorJwt = JwtUtils.issueJWT(operator, operatorKey, "conduit-test-operator", null,
                    JwtUtils.currentTimeSeconds(), operatorKey, json("{\"type\":\"operator\",\"version\":2}"));
            // -1: unlimited; JetStream is enabled for an account whose storage limits are not 0.
            String accountKey = new String(account.getPublicKey());
            String accountJwt = JwtUtils.issueJWT(operator, accountKey, "conduit-test-account",
                    null, JwtUtils.currentTimeSeconds(), operatorKey, json("{\"type\":\"account\",\"version\":2,"
                            + "\"limits\":{\"subs\":-1,\"data\":-1,\"payload\":-1,\"imports\":-1,\"exports\":-1,"
                            + "\"wildcards\":true,\"conn\":-1,\"leaf\":-1,\"mem_storage\":-1,\"disk_storage\":-1,"
                            + "\"streams\":-1,\"consumer\":-1}}"));
            // JetStream needs the server's system account to exist.
            String systemKey = new String(NKey.createAccount(RANDOM).getPublicKey());
            String systemJwt = JwtUtils.issueJWT(operator, systemKey, "SYS", null, JwtUtils.currentTimeSeconds(),
                    operatorKey, json("{\"type\":\"account\",\"version\":2}"));
            return new NatsOperator(account, accountKey, operatorJwt, accountJwt, systemKey, systemJwt);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not create the NATS operator and account", e);
        }
    }

    /** Configuration lines for {@link NatsServer#start(List)}: operator mode, this operator, its accounts. */
    public List<String> configLines() {
        List<String> lines = new ArrayList<>();
        lines.add("operator: " + quoted(operatorJwt));
        lines.add("system_account: " + systemKey);
        lines.add("resolver: MEMORY");
        lines.add("resolver_preload: {");
        Map.of(accountKey, accountJwt, systemKey, systemJwt).forEach((key, jwt) -> lines.add("  " + key + ": "
                + quoted(jwt)));
        lines.add("}");
        return lines;
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** A new user of the account: the content of its credentials file, as {@code nsc generate creds} writes it. */
    public String newUserCreds() {
        try {
            NKey user = NKey.createUser(RANDOM);
            String userJwt = JwtUtils.issueJWT(account, new String(user.getPublicKey()), "conduit-test-user", null,
                    JwtUtils.currentTimeSeconds(), accountKey, new JwtUtils.UserClaim(null));
            return String.format(JwtUtils.NATS_USER_JWT_FORMAT, userJwt, new String(user.getSeed()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not issue a NATS user", e);
        }
    }

    /** {@link #newUserCreds()} written to {@code file}. */
    public Path writeUserCreds(Path file) {
        try {
            return Files.writeString(file, newUserCreds());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSerializable json(String json) {
        return () -> json;
    }
}
