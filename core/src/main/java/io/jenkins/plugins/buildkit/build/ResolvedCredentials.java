package io.jenkins.plugins.buildkit.build;

import io.jenkins.plugins.buildkit.client.SecretValue;
import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.SecretSource;
import io.jenkins.plugins.buildkit.build.SshSource;
import io.jenkins.plugins.buildkit.client.RegistryCredential;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** A build's credentials as the agent needs them: build secrets, SSH keys and registry credentials. */
public final class ResolvedCredentials implements Serializable {
    private static final long serialVersionUID = 1L;

    public record Secret(String id, SecretValue value) implements Serializable {
    }

    public record SshKeys(String id, List<SecretValue> keys, SecretValue passphrase) implements Serializable {
    }

    public record Registry(String registry, String username, SecretValue password) implements Serializable {
    }

    private final List<Secret> secrets = new ArrayList<>();
    private final List<SshKeys> ssh = new ArrayList<>();
    private final List<Registry> registries = new ArrayList<>();

    public ResolvedCredentials secret(String id, SecretValue value) {
        secrets.add(new Secret(id, value));
        return this;
    }

    public ResolvedCredentials ssh(String id, List<SecretValue> keys, SecretValue passphrase) {
        ssh.add(new SshKeys(id, List.copyOf(keys), passphrase));
        return this;
    }

    public ResolvedCredentials registry(String registry, String username, SecretValue password) {
        registries.add(new Registry(registry, username, password));
        return this;
    }

    /** Hands every credential to the build: secrets by id, SSH keys by id, logins by registry host. */
    public void applyTo(BuildSpec.Builder spec) {
        for (Secret s : secrets) {
            spec.secret(SecretSource.ofValue(s.id(), s.value().bytes()));
        }
        for (SshKeys k : ssh) {
            spec.ssh(SshSource.ofKeys(k.id(), k.keys().stream().map(SecretValue::text).toList(),
                    k.passphrase() == null ? null : k.passphrase().text()));
        }
        for (Registry r : registries) {
            spec.registryCredential(r.registry(), new RegistryCredential(r.username(), r.password().text()));
        }
    }

    /** The login given for {@code registry} (host[:port], compared as {@link RegistryCredential#hostKey} spells it), or null. */
    public RegistryCredential registryCredential(String registry) {
        String key = RegistryCredential.hostKey(registry);
        for (Registry r : registries) {
            if (RegistryCredential.hostKey(r.registry()).equals(key)) {
                return new RegistryCredential(r.username(), r.password().text());
            }
        }
        return null;
    }

    /** Every value the console must never show. */
    public List<String> valuesToMask() {
        List<String> values = new ArrayList<>();
        secrets.forEach(s -> values.add(s.value().text()));
        for (SshKeys k : ssh) {
            k.keys().forEach(key -> values.add(key.text()));
            if (k.passphrase() != null) {
                values.add(k.passphrase().text());
            }
        }
        registries.forEach(r -> values.add(r.password().text()));
        return values;
    }
}
