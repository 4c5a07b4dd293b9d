package io.jenkins.plugins.buildkit.jenkins;

import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.ResolvedCredentials;
import io.jenkins.plugins.buildkit.client.SecretValue;
import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.util.Secret;
import io.jenkins.plugins.buildkit.build.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Turns the step's credential entries into the values a build uses, on the controller. Every
 * problem names the parameter and entry: {@code secrets[1].credentialsId: ...}.
 */
public final class CredentialResolver {
    private CredentialResolver() {
    }

    public static ResolvedCredentials resolve(List<BuildSecret> secrets, List<SshForward> ssh,
            List<RegistryCredential> registries, CredentialLookup lookup) throws InvalidRequestException, IOException {
        List<String> problems = new ArrayList<>();
        ResolvedCredentials out = new ResolvedCredentials();
        for (int i = 0; i < secrets.size(); i++) {
            BuildSecret s = secrets.get(i);
            String where = "secrets[" + i + "]";
            if (s.getId() == null || s.getId().isBlank()) {
                problems.add(where + ".id: required (the id a RUN --mount=type=secret,id=... asks for)");
                continue;
            }
            StandardCredentials c = find(lookup, where, s.getCredentialsId(), problems);
            if (c instanceof StringCredentials text) {
                out.secret(s.getId(), SecretValue.of(text.getSecret().getPlainText()));
            } else if (c instanceof FileCredentials file) {
                try (InputStream in = file.getContent()) {
                    out.secret(s.getId(), SecretValue.of(in.readAllBytes()));
                }
            } else if (c != null) {
                problems.add(wrongType(where, c, "a Secret text or Secret file credential"));
            }
        }
        for (int i = 0; i < ssh.size(); i++) {
            SshForward f = ssh.get(i);
            String where = "ssh[" + i + "]";
            StandardCredentials c = find(lookup, where, f.getCredentialsId(), problems);
            if (c instanceof SSHUserPrivateKey key) {
                List<SecretValue> keys = key.getPrivateKeys().stream().map(SecretValue::of).toList();
                if (keys.isEmpty()) {
                    problems.add(where + ".credentialsId: \"" + f.getCredentialsId() + "\" holds no private key");
                    continue;
                }
                Secret secret = key.getPassphrase();
                String passphrase = secret == null ? null : secret.getPlainText();
                out.ssh(f.getId(), keys, passphrase == null || passphrase.isEmpty() ? null : SecretValue.of(passphrase));
            } else if (c != null) {
                problems.add(wrongType(where, c, "an SSH Username with private key credential"));
            }
        }
        for (int i = 0; i < registries.size(); i++) {
            RegistryCredential r = registries.get(i);
            String where = "registryCredentials[" + i + "]";
            if (r.getRegistry() == null || r.getRegistry().isBlank()) {
                problems.add(where + ".registry: required (a registry host such as registry.example.com or docker.io)");
                continue;
            }
            StandardCredentials c = find(lookup, where, r.getCredentialsId(), problems);
            if (c instanceof StandardUsernamePasswordCredentials login) {
                out.registry(r.getRegistry(), login.getUsername(), SecretValue.of(login.getPassword().getPlainText()));
            } else if (c != null) {
                problems.add(wrongType(where, c, "a Username with password credential"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems.stream().map(BuildSpec.Problem::of).toList());
        }
        return out;
    }

    private static StandardCredentials find(CredentialLookup lookup, String where, String id, List<String> problems) {
        if (id == null || id.isBlank()) {
            problems.add(where + ".credentialsId: required");
            return null;
        }
        StandardCredentials c = lookup.find(id, StandardCredentials.class);
        if (c == null) {
            problems.add(where + ".credentialsId: no credentials with id \"" + id + "\" are available to this build");
        }
        return c;
    }

    private static String wrongType(String where, StandardCredentials c, String expected) {
        return where + ".credentialsId: \"" + c.getId() + "\" is " + kind(c) + "; expected " + expected;
    }

    private static String kind(StandardCredentials c) {
        if (c instanceof StandardUsernamePasswordCredentials) {
            return "a Username with password credential";
        } else if (c instanceof SSHUserPrivateKey) {
            return "an SSH private key credential";
        } else if (c instanceof StringCredentials) {
            return "a Secret text credential";
        } else if (c instanceof FileCredentials) {
            return "a Secret file credential";
        }
        return "a credential of another kind";
    }
}
