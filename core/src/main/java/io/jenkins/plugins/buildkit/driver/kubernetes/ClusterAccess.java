package io.jenkins.plugins.buildkit.driver.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.jenkins.plugins.buildkit.client.PemKeys;
import io.jenkins.plugins.buildkit.client.SecretValue;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * How the driver reaches the cluster, in this order: an explicit kubeconfig; an API server URL with a
 * bearer token (and the CA that signed the server's certificate); the pod's service account when the
 * agent runs in a cluster; the default kubeconfig ({@code KUBECONFIG}, else {@code ~/.kube/config}).
 */
record ClusterAccess(SecretValue kubeconfig, String server, SecretValue token, String caPem, Map<String, String> environment)
        implements Serializable {
    private static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int REQUEST_TIMEOUT_MS = 30_000;

    /** @throws IllegalArgumentException when no way to the cluster is given or found */
    Config config() throws IOException {
        Config config;
        if (kubeconfig != null) {
            config = fromKubeconfig(kubeconfig.text(), "kubeconfig");
        } else if (server != null) {
            if (token == null) {
                throw new IllegalArgumentException("token: required with the API server URL " + server);
            }
            ConfigBuilder b = new ConfigBuilder(Config.empty()).withMasterUrl(server).withOauthToken(token.text());
            if (caPem != null) {
                b.withCaCertData(Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)));
            }
            config = b.build();
        } else if (environment.containsKey("KUBERNETES_SERVICE_HOST") && Files.isReadable(SERVICE_ACCOUNT.resolve("token"))) {
            config = new ConfigBuilder(Config.empty())
                    .withMasterUrl("https://" + environment.get("KUBERNETES_SERVICE_HOST") + ":"
                            + environment.getOrDefault("KUBERNETES_SERVICE_PORT", "443"))
                    .withOauthToken(Files.readString(SERVICE_ACCOUNT.resolve("token")).trim())
                    .withCaCertFile(SERVICE_ACCOUNT.resolve("ca.crt").toString())
                    .withNamespace(Files.readString(SERVICE_ACCOUNT.resolve("namespace")).trim()).build();
        } else {
            String listed = environment.get("KUBECONFIG");
            Path file = listed != null && !listed.isBlank() ? Path.of(listed.split(java.io.File.pathSeparator)[0])
                    : Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".kube", "config");
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("kubeconfig: no way to the cluster: give a kubeconfig, or an API server URL"
                        + " and a token; " + file + " is not readable and this is not a pod");
            }
            config = fromKubeconfig(Files.readString(file), file.toString());
        }
        config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        config.setRequestTimeout(REQUEST_TIMEOUT_MS);
        return config;
    }

    static Config fromKubeconfig(String text, String where) {
        try {
            Config config = Config.fromKubeconfig(text);
            detectKeyAlgorithm(config);
            return config;
        } catch (RuntimeException | IOException e) {
            throw new IllegalArgumentException("kubeconfig: " + where + " is not a usable kubeconfig: " + e.getMessage(), e);
        }
    }

    /**
     * fabric8 reads a client key as RSA unless told otherwise; kubeadm and our test cluster hand out
     * EC keys, so the algorithm is taken from the key itself.
     */
    private static void detectKeyAlgorithm(Config config) throws IOException {
        String pem = config.getClientKeyData() != null
                ? new String(Base64.getMimeDecoder().decode(config.getClientKeyData()), StandardCharsets.US_ASCII)
                : config.getClientKeyFile() != null ? Files.readString(Path.of(config.getClientKeyFile()), StandardCharsets.US_ASCII) : null;
        if (pem == null) {
            return;
        }
        if (pem.contains("BEGIN EC PRIVATE KEY")) {
            config.setClientKeyAlgo("EC");
            return;
        }
        java.security.PrivateKey pkcs8 = PemKeys.pkcs8(pem);
        if (pkcs8 != null) {
            config.setClientKeyAlgo(pkcs8.getAlgorithm());
        }
    }

    /** What the console must never show. */
    java.util.List<String> secrets() {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (kubeconfig != null) {
            out.add(kubeconfig.text());
            // A log could only ever quote pieces of it: the key, the token, the password.
            try {
                Config parsed = Config.fromKubeconfig(kubeconfig.text());
                for (String piece : new String[] {parsed.getClientKeyData(), parsed.getOauthToken(), parsed.getPassword()}) {
                    if (piece != null && !piece.isBlank()) {
                        out.add(piece);
                    }
                }
            } catch (RuntimeException unreadable) {
                // config() reports it when the driver is used
            }
        }
        if (token != null) {
            out.add(token.text());
        }
        return out;
    }
}
