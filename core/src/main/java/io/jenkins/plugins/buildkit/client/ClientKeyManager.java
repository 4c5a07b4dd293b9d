package io.jenkins.plugins.buildkit.client;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents one client certificate and key. A key store would do the same, but putting a key into the
 * JDK's default (PKCS#12) store encrypts it with 10,000 rounds of PBKDF2, which on a fresh JVM runs
 * interpreted and cost each command line about 0.1 s.
 */
final class ClientKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "client";

    private final PrivateKey key;
    private final X509Certificate[] chain;

    ClientKeyManager(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = chain.toArray(new X509Certificate[0]);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return chooseAlias(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return chooseAlias(keyTypes);
    }

    /**
     * Our alias when the key suits one of the requested types. A type is a key algorithm ("RSA", "EC"),
     * or with OpenSSL also the signer's ("EC_RSA"): the key's own algorithm comes first. The issuers
     * are not checked: when the daemon does not trust the certificate, its refusal says more than
     * sending none.
     */
    private String chooseAlias(String[] keyTypes) {
        if (keyTypes == null) {
            return null;
        }
        for (String type : keyTypes) {
            int signer = type.indexOf('_');
            if ((signer < 0 ? type : type.substring(0, signer)).equals(key.getAlgorithm())) {
                return ALIAS;
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return chooseAlias(new String[] {keyType}) == null ? null : new String[] {ALIAS};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
