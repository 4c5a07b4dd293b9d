package io.jenkins.plugins.buildkit.client;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.Test;

/** Keys in every format a user may hand over come out the same, whichever library reads them. */
public class PemKeysTest {

    private static KeyPair pair(String algorithm) throws Exception {
        return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
    }

    private static String pkcs8(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** BouncyCastle writes RSA keys as PKCS#1, a format the JDK cannot read. */
    private static String traditional(KeyPair pair) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(pair.getPrivate());
        }
        return out.toString();
    }

    @Test
    public void readsPkcs8KeysWithTheJdk() throws Exception {
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            KeyPair pair = pair(algorithm);
            assertArrayEquals(algorithm, pair.getPrivate().getEncoded(), PemKeys.pkcs8("text before\n" + pkcs8(pair)).getEncoded());
        }
    }

    @Test
    public void readsPkcs1KeysWithBouncyCastle() throws Exception {
        KeyPair pair = pair("RSA");
        String pem = traditional(pair);
        assertTrue(pem, pem.startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        assertNull(PemKeys.pkcs8(pem));
        assertArrayEquals(pair.getPrivate().getEncoded(), PemKeys.privateKey(pem, "key").getEncoded());
    }

    @Test
    public void namesTheFieldWhenThereIsNoKeyOrCertificate() {
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class, () -> PemKeys.privateKey("not a key", "key"));
        assertEquals("key: no unencrypted PEM private key found", key.getMessage());
        IllegalArgumentException ca = assertThrows(IllegalArgumentException.class, () -> PemKeys.certificates("", "cacert"));
        assertEquals("cacert: no PEM certificate found", ca.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> PemKeys.certificates("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "cert"));
        assertTrue(bad.getMessage(), bad.getMessage().startsWith("cert: cannot read PEM certificate: "));
    }

    @Test
    public void keyManagerOffersTheKeyOnlyForItsOwnAlgorithm() throws Exception {
        KeyPair ec = pair("EC");
        ClientKeyManager keys = new ClientKeyManager(ec.getPrivate(), java.util.List.of());
        assertNull(keys.chooseEngineClientAlias(new String[] {"RSA"}, null, null));
        String alias = keys.chooseEngineClientAlias(new String[] {"RSA", "EC_EC"}, null, null);
        assertEquals(ec.getPrivate(), keys.getPrivateKey(alias));
        assertNull(keys.getPrivateKey("other"));
    }
}
