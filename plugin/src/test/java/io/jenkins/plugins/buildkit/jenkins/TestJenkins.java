package io.jenkins.plugins.buildkit.jenkins;

import com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.CertificateCredentialsImpl;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.util.Secret;
import io.jenkins.plugins.buildkit.it.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;

/** Builders and credentials in a running test Jenkins, against the real test environment. */
final class TestJenkins {
    static final String CLIENT_CERT = "buildkit-client-cert";
    static final String REGISTRY_LOGIN = "registry-login";
    static final String TOKEN = "token";
    static final String DEPLOY_KEY = "deploy-key";

    private TestJenkins() {
    }

    static void addCredentials(Credentials... credentials) throws IOException {
        SystemCredentialsProvider store = SystemCredentialsProvider.getInstance();
        store.getCredentials().addAll(List.of(credentials));
        store.save();
    }

    /** The client certificate and key of the test buildkitd as a certificate credential (a PKCS#12 store). */
    static CertificateCredentialsImpl clientCertificate(TestEnvironment env) throws Exception {
        Path p12 = Files.createTempFile("client", ".p12");
        try {
            Process openssl = new ProcessBuilder("openssl", "pkcs12", "-export", "-in", env.certs.resolve("client.pem").toString(),
                    "-inkey", env.certs.resolve("client-key.pem").toString(), "-out", p12.toString(), "-passout", "pass:changeit")
                    .redirectErrorStream(true).start();
            String out = new String(openssl.getInputStream().readAllBytes());
            if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                throw new IllegalStateException("openssl pkcs12: " + out);
            }
            return new CertificateCredentialsImpl(CredentialsScope.GLOBAL, CLIENT_CERT, "buildkitd client", "changeit",
                    new CertificateCredentialsImpl.UploadedKeyStoreSource(SecretBytes.fromRawBytes(Files.readAllBytes(p12))));
        } finally {
            Files.deleteIfExists(p12);
        }
    }

    static UsernamePasswordCredentialsImpl registryLogin(TestEnvironment env) throws Exception {
        return new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, REGISTRY_LOGIN, "test registry",
                env.registryUser, env.registryPassword);
    }

    static StringCredentialsImpl secretText(String id, String value) {
        return new StringCredentialsImpl(CredentialsScope.GLOBAL, id, "a build secret", Secret.fromString(value));
    }

    static BasicSSHUserPrivateKey sshKey(String id, String privateKey) {
        return new BasicSSHUserPrivateKey(CredentialsScope.GLOBAL, id, "git",
                new BasicSSHUserPrivateKey.DirectEntryPrivateKeySource(privateKey), null, "deploy key");
    }

    /** A remote builder for the test buildkitd over mutual TLS, its client key in a certificate credential. */
    static BuilderConfig remoteBuilder(String name, TestEnvironment env) {
        RemoteDriverConfig remote = new RemoteDriverConfig(env.address);
        remote.setCredentialsId(CLIENT_CERT);
        remote.setCaCertificate(env.pem("ca.pem"));
        return new BuilderConfig(name, remote);
    }

    static void useBuilders(String defaultBuilder, BuilderConfig... builders) {
        BuildKitGlobalConfiguration config = BuildKitGlobalConfiguration.get();
        config.setBuilders(List.of(builders));
        config.setDefaultBuilder(defaultBuilder);
        config.save();
    }

    /** Shell lines that put a static busybox into {@code rootfs/} of the current directory, for FROM scratch images. */
    static String busyboxRootfs(TestEnvironment env) {
        return "mkdir -p rootfs/bin && cp " + env.busybox + " rootfs/bin/busybox && ln -sf busybox rootfs/bin/sh"
                + " && ln -sf busybox rootfs/bin/cat && ln -sf busybox rootfs/bin/echo && ln -sf busybox rootfs/bin/cp"
                + " && ln -sf busybox rootfs/bin/sleep";
    }
}
