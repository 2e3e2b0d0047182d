package dev.conduit.brokers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority with a server certificate (for localhost and 127.0.0.1) and a client
 * certificate it signed, generated with the JDK's {@code keytool} (nothing to install): PKCS12 key and trust stores
 * for Java clients and brokers, PEM files for nats-server. Generate two to get a certificate nobody trusts.
 */
public final class TestCertificates {

    public static final String PASSWORD = "changeit";

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** Generates the CA, the server and the client certificate in a fresh temporary directory. */
    public static TestCertificates generate() {
        TestCertificates certificates = new TestCertificates(Directories.createTemp("conduit-certs-"));
        certificates.create();
        return certificates;
    }

    /** PKCS12 trust store holding the CA certificate (password {@link #PASSWORD}). */
    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    /** The CA certificate, PEM. */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** PKCS12 key store with the server's key and certificate chain (password {@link #PASSWORD}). */
    public Path serverKeystore() {
        return dir.resolve("server.p12");
    }

    public Path serverCertPem() {
        return dir.resolve("server.pem");
    }

    /** The server's private key, PKCS#8 PEM. */
    public Path serverKeyPem() {
        return dir.resolve("server-key.pem");
    }

    /** PKCS12 key store with the client's key and certificate chain (password {@link #PASSWORD}). */
    public Path clientKeystore() {
        return dir.resolve("client.p12");
    }

    public Path clientCertPem() {
        return dir.resolve("client.pem");
    }

    /** The client's private key, PKCS#8 PEM. */
    public Path clientKeyPem() {
        return dir.resolve("client-key.pem");
    }

    private void create() {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=conduit-test-ca",
                "-ext", "bc:c", "-validity", "3", "-keystore", "ca.p12", "-storetype", "PKCS12");
        keytool("-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-rfc", "-file", "ca.pem");
        keytool("-importcert", "-alias", "ca", "-file", "ca.pem", "-keystore", "truststore.p12", "-storetype",
                "PKCS12", "-noprompt");
        signed("server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1", "EKU=serverAuth,clientAuth");
        signed("client", "CN=conduit-test-client", null, "EKU=clientAuth");
    }

    /** A key pair in {@code name}.p12 whose certificate the CA signed; also exported as PEM. */
    private void signed(String name, String dname, String san, String eku) {
        String store = name + ".p12";
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", dname,
                "-validity", "3", "-keystore", store, "-storetype", "PKCS12");
        keytool("-certreq", "-alias", name, "-keystore", store, "-file", name + ".csr");
        List<String> sign = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile",
                name + ".csr", "-outfile", name + ".pem", "-rfc", "-validity", "3", "-ext",
                "KU=digitalSignature,keyEncipherment", "-ext", eku));
        if (san != null) {
            sign.addAll(List.of("-ext", san));
        }
        keytool(sign.toArray(String[]::new));
        keytool("-importcert", "-alias", "ca", "-file", "ca.pem", "-keystore", store, "-noprompt");
        keytool("-importcert", "-alias", name, "-file", name + ".pem", "-keystore", store, "-noprompt");
        exportKey(store, name, dir.resolve(name + "-key.pem"));
    }

    private void exportKey(String store, String alias, Path target) {
        try (InputStream in = Files.newInputStream(dir.resolve(store))) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, PASSWORD.toCharArray());
            Key key = keyStore.getKey(alias, PASSWORD.toCharArray());
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(key.getEncoded());
            Files.writeString(target, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not export the key of " + alias, e);
        }
    }

    private void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storepass", PASSWORD));
        if (List.of(arguments).contains("-genkeypair")) {
            command.addAll(List.of("-keypass", PASSWORD));
        }
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
