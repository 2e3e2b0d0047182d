package dev.conduit.transport.kafka;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

import dev.conduit.config.ConfigValues;
import dev.conduit.transport.kafka.KafkaOptions.SaslMechanism;

/**
 * Says what a security failure from kafka-clients means and which property fixes it. Such failures do not heal by
 * retrying (wrong password, untrusted certificate, missing ACL), so callers fail fast with this text; it never holds
 * a secret (kafka-clients' own messages do not either).
 */
final class KafkaFailures {

    private KafkaFailures() {
    }

    /** The security failure inside {@code failure} (wrapped or not), or {@code null} when it is none. */
    static RuntimeException security(Throwable failure) {
        Throwable t = failure;
        while (t != null) {
            if (t instanceof AuthenticationException || t instanceof AuthorizationException) {
                return (RuntimeException) t;
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return null;
    }

    /** Who the client is to the broker, for messages: the SASL user, if any. */
    static String who(ConfigValues config) {
        return config.get(KafkaOptions.SASL_MECHANISM) == SaslMechanism.NONE ? "this client (no saslMechanism set)"
                : "user '" + config.get(KafkaOptions.SASL_USERNAME) + "' (" + config.get(KafkaOptions.SASL_MECHANISM)
                .id() + ")";
    }

    /** A sentence for a security failure, naming what to fix. */
    static String explain(RuntimeException failure, String who) {
        String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (failure instanceof SslAuthenticationException) {
            return "the TLS handshake with Kafka failed (" + rootMessage(failure) + "); if the broker's certificate "
                    + "is not trusted, set tlsTruststore to a trust store or PEM file holding its CA";
        }
        if (failure instanceof AuthenticationException) {
            return "Kafka refused to authenticate " + who + " (" + detail + "); check saslMechanism, saslUsername "
                    + "and saslPassword";
        }
        if (failure instanceof TopicAuthorizationException denied) {
            return "Kafka denied " + who + " access to topic(s) " + denied.unauthorizedTopics() + " (ACL): grant it "
                    + "WRITE to publish or READ to consume there, or use another topic";
        }
        if (failure instanceof GroupAuthorizationException denied) {
            return "Kafka denied " + who + " the consumer group '" + denied.groupId() + "' (ACL): grant it READ on "
                    + "the group, or use another groupId";
        }
        return "Kafka denied " + who + " an operation (ACL): " + detail;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
