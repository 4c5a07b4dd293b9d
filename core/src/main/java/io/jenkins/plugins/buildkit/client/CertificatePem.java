package io.jenkins.plugins.buildkit.client;

import java.io.IOException;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Collections;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** A key store (such as a certificate credential's) as the PEM client certificate chain and key that TLS needs. */
public record CertificatePem(String certificateChain, SecretValue privateKey) {

    public static CertificatePem from(KeyStore store, char[] password, String credentialsId) throws IOException {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, password);
                Certificate[] chain = store.getCertificateChain(alias);
                if (key instanceof PrivateKey && chain != null && chain.length > 0) {
                    return new CertificatePem(pem(chain), SecretValue.of(pem(key)));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("certificate credential \"" + credentialsId + "\": cannot read its key store: " + e.getMessage(), e);
        }
        throw new IOException("certificate credential \"" + credentialsId + "\": holds no private key with a certificate");
    }

    private static String pem(Object... objects) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        }
        return out.toString();
    }
}
