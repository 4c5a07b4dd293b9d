package io.jenkins.plugins.buildkit.driver.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.client.RegistryCredential;
import java.util.Map;

/**
 * Pushes an image from the engine's store, as {@code docker push} does: the engine's BuildKit exporter
 * stores images but does not push them, so the Docker driver pushes through the engine's API.
 */
final class EnginePush {
    private EnginePush() {
    }

    /** Pushes {@code tag} and returns the manifest digest the registry now holds. */
    static String push(DockerEngine engine, String tag, Map<String, RegistryCredential> credentials) throws BuildKitException, InterruptedException {
        String registry = registryOf(tag);
        AuthConfig auth = new AuthConfig().withRegistryAddress(registry);
        RegistryCredential given = null;
        for (Map.Entry<String, RegistryCredential> e : credentials.entrySet()) {
            if (RegistryCredential.hostKey(e.getKey()).equals(RegistryCredential.hostKey(registry))) {
                given = e.getValue();
            }
        }
        if (given != null) {
            auth.withUsername(given.username()).withPassword(given.secret());
        }
        String[] digest = {null};
        String[] error = {null};
        try {
            engine.patientApi().pushImageCmd(tag).withAuthConfig(auth).exec(new ResultCallback.Adapter<PushResponseItem>() {
                @Override
                public void onNext(PushResponseItem item) {
                    if (item.getErrorDetail() != null) {
                        error[0] = item.getErrorDetail().getMessage();
                    } else if (item.getError() != null) {
                        error[0] = item.getError();
                    }
                    if (item.getAux() != null && item.getAux().getDigest() != null) {
                        digest[0] = item.getAux().getDigest();
                    }
                }
            }).awaitCompletion();
        } catch (RuntimeException e) {
            throw new BuildKitException("push of " + tag + " to " + registry + " failed: " + DockerEngine.describe(e), e);
        }
        if (error[0] != null) {
            throw new BuildKitException("push of " + tag + " to " + registry + " failed: " + error[0]);
        }
        return digest[0];
    }

    /** The registry part of an image name, Docker Hub when there is none. */
    static String registryOf(String tag) {
        int slash = tag.indexOf('/');
        if (slash > 0) {
            String first = tag.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                return first;
            }
        }
        return "docker.io";
    }
}
