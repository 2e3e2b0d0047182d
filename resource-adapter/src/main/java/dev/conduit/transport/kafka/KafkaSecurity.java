package dev.conduit.transport.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

import dev.conduit.config.CommonOptions;
import dev.conduit.config.ConfigValues;
import dev.conduit.config.InvalidConfigurationException;
import dev.conduit.config.InvalidConfigurationException.Problem;
import dev.conduit.config.Option;
import dev.conduit.transport.kafka.KafkaOptions.SaslMechanism;

/**
 * Turns the first-class security options (tls*, sasl*) into kafka-clients settings, the same for producers,
 * consumers and admin clients. The secrets end up only in kafka-clients' password-typed settings, which the client
 * logs as {@code [hidden]}.
 */
final class KafkaSecurity {

    /** Settings these options own; setting them through kafkaProperties as well would be ambiguous. */
    static final Set<String> OWNED = Set.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
            SaslConfigs.SASL_MECHANISM, SaslConfigs.SASL_JAAS_CONFIG, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG,
            SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG,
            SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG,
            SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, SslConfigs.SSL_KEY_PASSWORD_CONFIG);

    private KafkaSecurity() {
    }

    /** Whether any first-class security option is set (then they, not kafkaProperties, own security). */
    static boolean configured(ConfigValues config) {
        return CommonOptions.wantsTls(config) || config.get(KafkaOptions.SASL_MECHANISM) != SaslMechanism.NONE;
    }

    /** Deploy-time checks: complete credentials, readable files, no second source for the same setting. */
    static List<Problem> problems(ConfigValues config) {
        List<Problem> problems = new ArrayList<>();
        SaslMechanism mechanism = config.get(KafkaOptions.SASL_MECHANISM);
        boolean user = !config.get(KafkaOptions.SASL_USERNAME).isBlank();
        boolean password = !config.get(KafkaOptions.SASL_PASSWORD).isBlank();
        if (mechanism != SaslMechanism.NONE && (!user || !password)) {
            problems.add(new Problem(user ? KafkaOptions.SASL_PASSWORD.name() : KafkaOptions.SASL_USERNAME.name(),
                    "property 'saslMechanism' = '" + mechanism.id() + "' needs both 'saslUsername' and "
                            + "'saslPassword'"));
        }
        if (mechanism == SaslMechanism.NONE && (user || password)) {
            problems.add(new Problem(KafkaOptions.SASL_MECHANISM.name(), "properties 'saslUsername'/'saslPassword' "
                    + "are set but 'saslMechanism' is not; set it to PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512"));
        }
        checkFile(config, CommonOptions.TLS_TRUSTSTORE, problems);
        checkFile(config, CommonOptions.TLS_KEYSTORE, problems);
        if (!config.get(CommonOptions.TLS_KEYSTORE).isBlank() && storeType(config.get(CommonOptions.TLS_KEYSTORE))
                .equals("PEM")) {
            problems.add(new Problem(CommonOptions.TLS_KEYSTORE.name(), "property 'tlsKeystore' must be a PKCS12 "
                    + "(.p12, .pfx) or JKS (.jks) key store"));
        }
        if (configured(config)) {
            for (String key : config.get(KafkaOptions.KAFKA_PROPERTIES).values().keySet()) {
                if (OWNED.contains(key)) {
                    problems.add(new Problem(KafkaOptions.KAFKA_PROPERTIES.name(), "property 'kafkaProperties' sets '"
                            + key + "', which the tls*/sasl* properties set; use one or the other"));
                }
            }
        }
        return problems;
    }

    static void check(String subject, ConfigValues config) throws InvalidConfigurationException {
        List<Problem> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(subject, problems);
        }
    }

    /** Adds the security settings, if any option asks for them; kafkaProperties were applied before. */
    static void apply(ConfigValues config, Properties target) {
        if (!configured(config)) {
            return;
        }
        boolean tls = CommonOptions.wantsTls(config);
        SaslMechanism mechanism = config.get(KafkaOptions.SASL_MECHANISM);
        String protocol = mechanism == SaslMechanism.NONE ? "SSL" : tls ? "SASL_SSL" : "SASL_PLAINTEXT";
        target.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        if (mechanism != SaslMechanism.NONE) {
            target.put(SaslConfigs.SASL_MECHANISM, mechanism.id());
            target.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(mechanism, config.get(KafkaOptions.SASL_USERNAME),
                    config.get(KafkaOptions.SASL_PASSWORD)));
        }
        String truststore = config.get(CommonOptions.TLS_TRUSTSTORE);
        if (!truststore.isBlank()) {
            target.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore);
            target.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, storeType(truststore));
            String password = config.get(CommonOptions.TLS_TRUSTSTORE_PASSWORD);
            if (!password.isBlank()) {
                target.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, password);
            }
        }
        String keystore = config.get(CommonOptions.TLS_KEYSTORE);
        if (!keystore.isBlank()) {
            target.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keystore);
            target.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, storeType(keystore));
            target.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, config.get(CommonOptions.TLS_KEYSTORE_PASSWORD));
            target.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, config.get(CommonOptions.TLS_KEYSTORE_PASSWORD));
        }
    }

    /** The login module line for the mechanism; quotes and backslashes in the values are escaped. */
    private static String jaas(SaslMechanism mechanism, String user, String password) {
        String module = mechanism == SaslMechanism.PLAIN ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return module + " required username=\"" + quote(user) + "\" password=\"" + quote(password) + "\";";
    }

    private static String quote(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static String storeType(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        if (name.endsWith(".jks")) {
            return "JKS";
        }
        if (name.endsWith(".pem") || name.endsWith(".crt")) {
            return "PEM";
        }
        return "PKCS12";
    }

    private static void checkFile(ConfigValues config, Option<String> option, List<Problem> problems) {
        String path = config.get(option);
        if (!path.isBlank() && !Files.isReadable(Path.of(path))) {
            problems.add(new Problem(option.name(), "property '" + option.name() + "' = '" + path + "' is not a "
                    + "readable file"));
        }
    }
}
