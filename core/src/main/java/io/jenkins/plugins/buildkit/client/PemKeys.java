package io.jenkins.plugins.buildkit.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Certificates and private keys from PEM text. The JDK reads certificates and PKCS#8 keys itself;
 * BouncyCastle is loaded only for the older PKCS#1 (RSA) and SEC1 (EC) key formats, which the JDK
 * cannot read: loading and running it cost a fresh command line about a tenth of its start-up.
 */
public final class PemKeys {
    private static final Pattern CERTIFICATE =
            Pattern.compile("-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL);
    private static final Pattern PKCS8_KEY =
            Pattern.compile("-----BEGIN PRIVATE KEY-----(.*?)-----END PRIVATE KEY-----", Pattern.DOTALL);
    /** The JDK's names of the key algorithms a PKCS#8 key may hold, the common first. */
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");

    private PemKeys() {
    }

    /** The certificates in {@code pem}, in order; an error naming {@code what} when there are none. */
    public static List<X509Certificate> certificates(String pem, String what) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Matcher m = CERTIFICATE.matcher(pem == null ? "" : pem);
            while (m.find()) {
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(base64(m.group(1)))));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": cannot read PEM certificate: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(what + ": no PEM certificate found");
        }
        return out;
    }

    /** The first unencrypted private key in {@code pem}: PKCS#8, PKCS#1 (RSA) or SEC1 (EC). */
    public static PrivateKey privateKey(String pem, String what) {
        PrivateKey pkcs8 = pkcs8(pem);
        return pkcs8 != null ? pkcs8 : Legacy.privateKey(pem, what);
    }

    /** The PKCS#8 key ("BEGIN PRIVATE KEY") in {@code pem}, or null when it holds none the JDK can read. */
    public static PrivateKey pkcs8(String pem) {
        Matcher m = PKCS8_KEY.matcher(pem == null ? "" : pem);
        if (!m.find()) {
            return null;
        }
        PKCS8EncodedKeySpec spec;
        try {
            spec = new PKCS8EncodedKeySpec(base64(m.group(1)));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisOne) {
                // try the next
            }
        }
        return null;
    }

    private static byte[] base64(String body) {
        return Base64.getMimeDecoder().decode(body);
    }

    /** The key formats only BouncyCastle reads; a class of its own so that its classes load only when used. */
    private static final class Legacy {
        static PrivateKey privateKey(String pem, String what) {
            try (PEMParser parser = new PEMParser(new StringReader(pem == null ? "" : pem))) {
                Object o = parser.readObject();
                JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                throw new IllegalArgumentException(what + ": no unencrypted PEM private key found");
            } catch (IOException e) {
                throw new IllegalArgumentException(what + ": cannot read PEM private key: " + e.getMessage(), e);
            }
        }
    }
}
