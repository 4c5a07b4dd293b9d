package io.jenkins.plugins.buildkit.jenkins;

import com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.CertificateCredentialsImpl;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.util.Secret;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;

/**
 * Real Credentials-plugin credentials in the running Jenkins's system store (global domain), for the
 * tests that need a Jenkins: unlike {@link FakeCredentials}, these are what an administrator creates.
 */
final class StoredCredentials {
    static final String CERT_PASSWORD = "changeit";

    private StoredCredentials() {
    }

    static void add(Credentials c) throws IOException {
        SystemCredentialsProvider provider = SystemCredentialsProvider.getInstance();
        provider.getDomainCredentialsMap().computeIfAbsent(Domain.global(), d -> new java.util.ArrayList<>()).add(c);
        provider.save();
    }

    /** A certificate credential holding the given client certificate and key (PEM). */
    static void certificate(String id, String certPem, String keyPem) throws IOException {
        add(new CertificateCredentialsImpl(CredentialsScope.GLOBAL, id, "client certificate " + id, CERT_PASSWORD,
                new CertificateCredentialsImpl.PEMEntryKeyStoreSource(certPem, keyPem)));
    }

    /** A certificate credential with a freshly made self-signed certificate and its key. */
    static void certificate(String id) throws IOException {
        String[] pems = selfSigned("CN=" + id);
        certificate(id, pems[0], pems[1]);
    }

    static void usernamePassword(String id, String username, String password) throws IOException {
        try {
            add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, id, "login " + id, username, password));
        } catch (hudson.model.Descriptor.FormException e) {
            throw new IOException(e);
        }
    }

    static void secretText(String id, String text) throws IOException {
        add(new StringCredentialsImpl(CredentialsScope.GLOBAL, id, "secret text " + id, Secret.fromString(text)));
    }

    static void secretFile(String id, String content) throws IOException {
        add(new FileCredentialsImpl(CredentialsScope.GLOBAL, id, "secret file " + id, id + ".txt",
                SecretBytes.fromBytes(content.getBytes(StandardCharsets.UTF_8))));
    }

    static void sshKey(String id, String privateKey) throws IOException {
        add(new BasicSSHUserPrivateKey(CredentialsScope.GLOBAL, id, "git",
                new BasicSSHUserPrivateKey.DirectEntryPrivateKeySource(privateKey), null, "ssh key " + id));
    }

    /** A self-signed certificate and its PKCS#8 key, both PEM. */
    static String[] selfSigned(String dn) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            long now = System.currentTimeMillis();
            X500Name name = new X500Name(dn);
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now), new Date(now - 86_400_000L),
                    new Date(now + 365 * 86_400_000L), name, kp.getPublic());
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
            return new String[] {pem("CERTIFICATE", cert.getEncoded()), pem("PRIVATE KEY", kp.getPrivate().getEncoded())};
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
