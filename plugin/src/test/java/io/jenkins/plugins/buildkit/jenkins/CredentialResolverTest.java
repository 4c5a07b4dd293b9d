package io.jenkins.plugins.buildkit.jenkins;

import io.jenkins.plugins.buildkit.build.ResolvedCredentials;
import io.jenkins.plugins.buildkit.client.SecretValue;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.InvalidRequestException;
import io.jenkins.plugins.buildkit.progress.SecretMasker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Credentials-plugin credentials as a build uses them, and as a log never shows them. */
public class CredentialResolverTest {
    private static final byte[] BINARY = {0, 1, 2, (byte) 0xff, '\n', 'x'};

    private static BuildSpec apply(ResolvedCredentials resolved) {
        BuildSpec.Builder spec = BuildSpec.builder().context(".");
        resolved.applyTo(spec);
        return spec.build();
    }

    @Test
    public void usernamePasswordAnswersForThatRegistryOnly() throws Exception {
        FakeCredentials creds = new FakeCredentials().usernamePassword("hub", "ci-bot", "hub-password");
        ResolvedCredentials resolved = CredentialResolver.resolve(List.of(), List.of(),
                List.of(new RegistryCredential("registry.example.com:5000", "hub")), creds);
        Map<String, io.jenkins.plugins.buildkit.client.RegistryCredential> auth = apply(resolved).registryCredentials();
        assertEquals(1, auth.size());
        assertEquals("ci-bot", auth.get("registry.example.com:5000").username());
        assertEquals("hub-password", auth.get("registry.example.com:5000").secret());
        assertNull(auth.get("docker.io"));
    }

    @Test
    public void secretTextAndSecretFileBecomeBuildSecrets() throws Exception {
        FakeCredentials creds = new FakeCredentials().secretText("token", "t0ken-value").secretFile("netrc", BINARY);
        ResolvedCredentials resolved = CredentialResolver.resolve(
                List.of(new BuildSecret("npm", "token"), new BuildSecret("netrc", "netrc")), List.of(), List.of(), creds);
        BuildSpec spec = apply(resolved);
        assertEquals("npm", spec.secrets().get(0).id());
        assertArrayEquals("t0ken-value".getBytes(), spec.secrets().get(0).value());
        assertEquals("netrc", spec.secrets().get(1).id());
        assertArrayEquals(BINARY, spec.secrets().get(1).value());
    }

    @Test
    public void sshKeyIsForwardedAsThatKey() throws Exception {
        String key = FakeCredentials.newOpenSshKey();
        FakeCredentials creds = new FakeCredentials().sshKey("deploy", key, "pass phrase");
        ResolvedCredentials resolved = CredentialResolver.resolve(List.of(), List.of(new SshForward("git", "deploy")),
                List.of(), creds);
        BuildSpec spec = apply(resolved);
        assertEquals("git", spec.sshSources().get(0).id());
        assertEquals(List.of(key), spec.sshSources().get(0).privateKeys());
        assertEquals("pass phrase", spec.sshSources().get(0).passphrase());
    }

    @Test
    public void everyValueIsMaskedAndNothingPrintsThroughToString() throws Exception {
        String key = FakeCredentials.newOpenSshKey();
        FakeCredentials creds = new FakeCredentials().secretText("token", "t0ken-value")
                .usernamePassword("hub", "ci-bot", "hub-password").sshKey("deploy", key, null);
        ResolvedCredentials resolved = CredentialResolver.resolve(List.of(new BuildSecret("npm", "token")),
                List.of(new SshForward(null, "deploy")), List.of(new RegistryCredential("docker.io", "hub")), creds);
        SecretMasker masker = new SecretMasker(resolved.valuesToMask());
        String line = "npm t0ken-value, login hub-password, key line " + key.split("\n")[1];
        assertThat(masker.mask(line), not(containsString("t0ken-value")));
        assertThat(masker.mask(line), not(containsString("hub-password")));
        assertThat(masker.mask(line), not(containsString(key.split("\n")[1])));
        assertEquals("****", SecretValue.of("t0ken-value").toString());
    }

    @Test
    public void resolvedCredentialsSurviveTheTripToTheAgent() throws Exception {
        FakeCredentials creds = new FakeCredentials().secretFile("netrc", BINARY);
        ResolvedCredentials resolved = CredentialResolver.resolve(List.of(new BuildSecret("netrc", "netrc")), List.of(),
                List.of(), creds);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(resolved);
        }
        ResolvedCredentials back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (ResolvedCredentials) in.readObject();
        }
        assertArrayEquals(BINARY, apply(back).secrets().get(0).value());
    }

    @Test
    public void everyProblemIsReportedAtOnceNamingTheEntry() throws Exception {
        FakeCredentials creds = new FakeCredentials().secretText("token", "t0ken-value");
        try {
            CredentialResolver.resolve(List.of(new BuildSecret("a", "missing")), List.of(new SshForward(null, "token")),
                    List.of(new RegistryCredential("", "token"), new RegistryCredential("docker.io", null)), creds);
            fail();
        } catch (InvalidRequestException e) {
            assertEquals(List.of(
                    "secrets[0].credentialsId: no credentials with id \"missing\" are available to this build",
                    "ssh[0].credentialsId: \"token\" is a Secret text credential; expected an SSH Username with private key credential",
                    "registryCredentials[0].registry: required (a registry host such as registry.example.com or docker.io)",
                    "registryCredentials[1].credentialsId: required"), e.problems().stream().map(Object::toString).toList());
        }
    }
}
