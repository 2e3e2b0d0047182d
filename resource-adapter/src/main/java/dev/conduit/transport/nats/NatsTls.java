package dev.conduit.transport.nats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.conduit.config.CommonOptions;
import dev.conduit.config.ConfigValues;

/**
 * The TLS context of a NATS connection from the shared tls* options: the trusted CAs from a PKCS12/JKS trust store
 * or a PEM file, this client's certificate from a key store (mutual TLS), else the JVM's defaults; and the check
 * that the server's certificate names the host connected to, which jnats does not make itself.
 */
final class NatsTls {

    private NatsTls() {
    }

    /** @throws IllegalArgumentException saying which store could not be read (never a password) */
    static SSLContext context(ConfigValues config) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore(config));
            KeyManagerFactory keys = null;
            String keystore = config.get(CommonOptions.TLS_KEYSTORE);
            if (!keystore.isBlank()) {
                char[] password = config.get(CommonOptions.TLS_KEYSTORE_PASSWORD).toCharArray();
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(keystore, password), password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return new HostnameVerifyingSslContext(context);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("could not read the TLS stores (tlsTruststore/tlsKeystore): "
                    + e.getMessage(), e);
        }
    }

    /** The trusted certificates, or {@code null} for the JVM's default authorities. */
    private static KeyStore trustStore(ConfigValues config) throws IOException, GeneralSecurityException {
        String path = config.get(CommonOptions.TLS_TRUSTSTORE);
        if (path.isBlank()) {
            return null;
        }
        String name = path.toLowerCase(Locale.ROOT);
        if (name.endsWith(".pem") || name.endsWith(".crt")) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            try (InputStream in = Files.newInputStream(Path.of(path))) {
                int i = 0;
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("ca-" + i++, certificate);
                }
            }
            return store;
        }
        return load(path, config.get(CommonOptions.TLS_TRUSTSTORE_PASSWORD).toCharArray());
    }

    private static KeyStore load(String path, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(path.toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            store.load(in, password.length == 0 ? null : password);
        }
        return store;
    }
}
