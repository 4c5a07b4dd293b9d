package io.jenkins.plugins.buildkit.driver.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.client.RegistryCredential;
import io.jenkins.plugins.buildkit.driver.docker.DockerEngine;
import java.io.PrintStream;
import java.util.Map;

/** The BuildKit image of a docker-container builder: pulled when the engine lacks it, with its progress in the log. */
final class ImagePull {
    private final String builderName;
    private final String image;

    ImagePull(String builderName, String image) {
        this.builderName = builderName;
        this.image = image;
    }

    /**
     * The registry the BuildKit image comes from, as {@link RegistryCredential#hostKey} names it: the first
     * path component when it looks like a host, else Docker Hub.
     */
    String imageRegistry() {
        return RegistryCredential.registryOf(image);
    }

    /** The build's login for the registry of the BuildKit image, or null: the image is pulled anonymously. */
    private RegistryCredential pullCredential(Map<String, RegistryCredential> registryCredentials) {
        String registry = imageRegistry();
        return registryCredentials.entrySet().stream().filter(e -> RegistryCredential.hostKey(e.getKey()).equals(registry))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /**
     * The pull's progress as the Docker CLI prints it without a terminal: each layer's changes of
     * state, and its download or extraction at most every few seconds.
     */
    private static final class PullProgress extends com.github.dockerjava.api.command.PullImageResultCallback {
        private final PrintStream log;
        private final Map<String, String> lastStatus = new java.util.HashMap<>();
        private final Map<String, Long> lastPrinted = new java.util.HashMap<>();

        PullProgress(PrintStream log) {
            this.log = log;
        }

        @Override
        public void onNext(com.github.dockerjava.api.model.PullResponseItem item) {
            super.onNext(item);
            String status = item.getStatus();
            if (status == null) {
                return;
            }
            String id = item.getId();
            boolean progress = status.equals("Downloading") || status.equals("Extracting");
            long now = System.nanoTime();
            if (progress) {
                Long last = lastPrinted.get(id);
                if (status.equals(lastStatus.get(id)) && last != null && now - last < 5_000_000_000L) {
                    return;
                }
                com.github.dockerjava.api.model.ResponseItem.ProgressDetail d = item.getProgressDetail();
                String amount = d == null || d.getCurrent() == null ? ""
                        : " " + d.getCurrent() / (1024 * 1024) + "/" + (d.getTotal() == null ? "?" : d.getTotal() / (1024 * 1024)) + " MiB";
                log.println((id == null ? "" : id + ": ") + status + amount);
            } else if (!status.equals(lastStatus.get(id))) {
                log.println((id == null ? "" : id + ": ") + status);
            }
            lastStatus.put(id, status);
            lastPrinted.put(id, now);
        }
    }

    /** Pulls the image unless the engine has it, with the build's login for its registry if there is one. */
    void ensure(DockerClient docker, PrintStream log, Map<String, RegistryCredential> registryCredentials) throws InterruptedException, BuildKitException {
        RegistryCredential pullCredential = pullCredential(registryCredentials);
        try {
            docker.inspectImageCmd(image).exec();
        } catch (NotFoundException missing) {
            log.println("builder " + builderName + ": pulling " + image);
            try {
                com.github.dockerjava.api.command.PullImageCmd pull = docker.pullImageCmd(image);
                if (pullCredential != null) {
                    pull.withAuthConfig(new com.github.dockerjava.api.model.AuthConfig()
                            .withUsername(pullCredential.username()).withPassword(pullCredential.secret()));
                }
                pull.exec(new PullProgress(log)).awaitCompletion();
            } catch (RuntimeException e) {
                throw new BuildKitException("builder \"" + builderName + "\" (driver docker-container): cannot pull image \""
                        + image + "\": " + DockerEngine.describe(e), e);
            }
        }
    }
}
