package io.jenkins.plugins.buildkit.jenkins;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.util.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Credentials as the Credentials plugin hands them out, for tests: the interfaces are Jenkins's,
 * the instances Mockito's (a real {@link Secret} needs a running Jenkins's key).
 */
public final class FakeCredentials implements CredentialLookup {
    private final Map<String, IdCredentials> byId = new HashMap<>();

    public static Secret secret(String plain) {
        Secret s = mock(Secret.class);
        when(s.getPlainText()).thenReturn(plain);
        return s;
    }

    public FakeCredentials usernamePassword(String id, String username, String password) {
        StandardUsernamePasswordCredentials c = mock(StandardUsernamePasswordCredentials.class);
        when(c.getId()).thenReturn(id);
        when(c.getUsername()).thenReturn(username);
        Secret p = secret(password);
        when(c.getPassword()).thenReturn(p);
        byId.put(id, c);
        return this;
    }

    public FakeCredentials secretText(String id, String text) {
        StringCredentials c = mock(StringCredentials.class);
        when(c.getId()).thenReturn(id);
        Secret s = secret(text);
        when(c.getSecret()).thenReturn(s);
        byId.put(id, c);
        return this;
    }

    public FakeCredentials secretFile(String id, byte[] content) {
        FileCredentials c = mock(FileCredentials.class);
        when(c.getId()).thenReturn(id);
        when(c.getFileName()).thenReturn(id + ".bin");
        try {
            when(c.getContent()).thenAnswer(i -> new ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byId.put(id, c);
        return this;
    }

    public FakeCredentials sshKey(String id, String privateKey, String passphrase) {
        SSHUserPrivateKey c = mock(SSHUserPrivateKey.class);
        when(c.getId()).thenReturn(id);
        when(c.getUsername()).thenReturn("git");
        when(c.getPrivateKeys()).thenReturn(List.of(privateKey));
        Secret p = passphrase == null ? null : secret(passphrase);
        when(c.getPassphrase()).thenReturn(p);
        byId.put(id, c);
        return this;
    }

    /** A certificate credential: a PKCS#12 key store holding the client certificate and key given in PEM. */
    public FakeCredentials certificate(String id, String certPem, String keyPem, String password) {
        try {
            java.security.cert.Certificate cert = java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certPem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            Object parsed;
            try (org.bouncycastle.openssl.PEMParser pem = new org.bouncycastle.openssl.PEMParser(new java.io.StringReader(keyPem))) {
                parsed = pem.readObject();
            }
            org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter converter = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter();
            java.security.PrivateKey key = parsed instanceof org.bouncycastle.openssl.PEMKeyPair pair
                    ? converter.getKeyPair(pair).getPrivate()
                    : converter.getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) parsed);
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, password.toCharArray(), new java.security.cert.Certificate[] {cert});
            com.cloudbees.plugins.credentials.common.StandardCertificateCredentials c =
                    mock(com.cloudbees.plugins.credentials.common.StandardCertificateCredentials.class);
            when(c.getId()).thenReturn(id);
            when(c.getKeyStore()).thenReturn(store);
            Secret p = secret(password);
            when(c.getPassword()).thenReturn(p);
            byId.put(id, c);
            return this;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh ed25519 private key in OpenSSH format, as an SSH credential stores it (made by ssh-keygen). */
    public static String newOpenSshKey() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ssh-key");
            java.nio.file.Path key = dir.resolve("id");
            try {
                Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", key.toString())
                        .redirectErrorStream(true).start();
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("ssh-keygen failed: " + new String(p.getInputStream().readAllBytes()));
                }
                return java.nio.file.Files.readString(key);
            } finally {
                java.nio.file.Files.deleteIfExists(key);
                java.nio.file.Files.deleteIfExists(dir.resolve("id.pub"));
                java.nio.file.Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public <C extends IdCredentials> C find(String id, Class<C> type) {
        IdCredentials c = byId.get(id);
        return type.isInstance(c) ? type.cast(c) : null;
    }
}
