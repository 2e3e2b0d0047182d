package dev.conduit.brokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;

class TestCertificatesTest {

    @Test
    void theServerChainIsTrustedByItsOwnCaAndNotByAnother() throws Exception {
        TestCertificates certificates = TestCertificates.generate();
        TestCertificates other = TestCertificates.generate();
        X509Certificate[] chain = chain(certificates.serverKeystore(), "server");

        trustManager(certificates.truststore()).checkServerTrusted(chain, "RSA");
        assertThatThrownBy(() -> trustManager(other.truststore()).checkServerTrusted(chain, "RSA"))
                .isInstanceOf(CertificateException.class);
        assertThat(chain[0].getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))))
                .contains("localhost", "127.0.0.1");
        assertThat(Files.readString(certificates.serverKeyPem())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(certificates.caPem())).startsWith("-----BEGIN CERTIFICATE-----");
        trustManager(certificates.truststore()).checkClientTrusted(chain(certificates.clientKeystore(), "client"),
                "RSA");
    }

    private static X509Certificate[] chain(Path keystore, String alias) throws Exception {
        KeyStore store = load(keystore);
        return java.util.Arrays.stream(store.getCertificateChain(alias)).map(X509Certificate.class::cast)
                .toArray(X509Certificate[]::new);
    }

    private static X509TrustManager trustManager(Path truststore) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(load(truststore));
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    private static KeyStore load(Path path) throws Exception {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, TestCertificates.PASSWORD.toCharArray());
            return store;
        }
    }
}
