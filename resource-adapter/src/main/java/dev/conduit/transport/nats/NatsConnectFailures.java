package dev.conduit.transport.nats;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Says why a NATS connection could not be made and which property fixes it: refused credentials, an untrusted
 * server certificate, TLS required (or offered) on one side only, or a server that is not there. Never quotes a
 * secret (jnats' and the server's messages hold none).
 */
final class NatsConnectFailures {

    private NatsConnectFailures() {
    }

    /** @param serverErrors what the server sent (-ERR) and what jnats reported during the attempt */
    static String explain(IOException failure, List<String> serverErrors) {
        String all = chain(failure) + String.join(" | ", serverErrors);
        String lower = all.toLowerCase(Locale.ROOT);
        if (lower.contains("authorization violation") || lower.contains("authentication")) {
            return "the server refused the credentials (Authorization Violation); check natsUsername/natsPassword, "
                    + "natsToken, natsNkeySeed or natsCredsFile";
        }
        if (lower.contains("pkix") || lower.contains("certification path") || lower.contains("certpath")) {
            return "the server's TLS certificate is not trusted (PKIX path validation failed); set tlsTruststore to "
                    + "a trust store or PEM file holding its CA";
        }
        if (lower.contains("ssl required") || lower.contains("tls required") || lower.contains("secure connection")) {
            return "the server requires TLS; set tls=true (with tlsTruststore for a private CA)";
        }
        if (has(failure, SSLException.class) || lower.contains("sslexception") || lower.contains("handshake")) {
            return "the TLS handshake failed (" + root(failure) + "); check that the server speaks TLS and, if it "
                    + "requires client certificates, set tlsKeystore";
        }
        return failure.getMessage() + ". Check that the server runs with JetStream (-js) and is reachable";
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The exception and its causes, class and message each: what the failure texts are matched against. */
    static String chain(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
        }
        return text.toString();
    }

    private static String root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
