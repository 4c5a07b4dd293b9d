package io.jenkins.plugins.buildkit.jenkins;

import io.jenkins.plugins.buildkit.it.TestEnvironment;
import java.util.List;
import jenkins.model.Jenkins;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/** Builders and build contexts in a running test Jenkins, against the real test environment; credentials: {@link StoredCredentials}. */
final class TestJenkins {
    static final String CLIENT_CERT = "buildkit-client-cert";
    static final String REGISTRY_LOGIN = "registry-login";
    static final String TOKEN = "token";

    private TestJenkins() {
    }

    /** A remote builder for the test buildkitd over mutual TLS, its client key in a certificate credential. */
    static BuilderConfig remoteBuilder(String name, TestEnvironment env) {
        RemoteDriverConfig remote = new RemoteDriverConfig(env.address);
        remote.setCredentialsId(CLIENT_CERT);
        remote.setCaCertificate(env.pem("ca.pem"));
        return new BuilderConfig(name, remote);
    }

    /**
     * A docker-container builder as an administrator would set it up here: the local image, host
     * networking, and not privileged (this sandbox's engine refuses privileged containers).
     */
    static BuilderConfig containerBuilder(String name) {
        DockerContainerDriverConfig container = new DockerContainerDriverConfig();
        container.setImage(System.getenv().getOrDefault("BUILDKIT_TEST_IMAGE", "buildkit-jenkins-test/buildkit:local"));
        container.setNetwork("host");
        container.setPrivileged(false);
        BuilderConfig builder = new BuilderConfig(name, container);
        builder.setBuildkitdFlags("--oci-worker-net=host");
        builder.setPlatforms("linux/amd64");
        return builder;
    }

    /**
     * A Jenkins where only {@code admin} may do anything, holding the test buildkitd's client
     * certificate and {@code token} as the secret text {@link #TOKEN}.
     */
    static TestEnvironment adminOnlyWithCredentials(JenkinsRule r, String token) throws Exception {
        TestEnvironment env = TestEnvironment.require();
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy().grant(Jenkins.ADMINISTER).everywhere().to("admin"));
        StoredCredentials.certificate(CLIENT_CERT, env.pem("client.pem"), env.pem("client-key.pem"));
        StoredCredentials.secretText(TOKEN, token);
        return env;
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
