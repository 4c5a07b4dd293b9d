package io.jenkins.plugins.buildkit.driver.container;

import io.jenkins.plugins.buildkit.driver.DaemonConfigFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a docker-container builder's daemon finds in {@code /etc/buildkit} when it starts. */
final class DaemonConfigTar {
    /** Written last: a process that finds the container made by another waits for it before starting it. */
    static final String CONFIGURED_MARKER = "etc/buildkit/.buildkit-jenkins-configured";

    private DaemonConfigTar() {
    }

    /** {@code /etc/buildkit} as a small tarball: the toml buildkitd reads at start, and its certificates and keys. */
    static byte[] of(DaemonConfigFiles config) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (org.apache.commons.compress.archivers.tar.TarArchiveOutputStream tar =
                new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_POSIX);
            Map<String, byte[]> files = new java.util.LinkedHashMap<>();
            if (config.toml() != null) {
                files.put("buildkitd.toml", config.toml().getBytes(StandardCharsets.UTF_8));
            }
            files.putAll(config.files());
            files.put(CONFIGURED_MARKER.substring("etc/buildkit/".length()), new byte[0]);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                String rel = io.jenkins.plugins.buildkit.fs.PathNames.requireContained(f.getKey());
                org.apache.commons.compress.archivers.tar.TarArchiveEntry e =
                        new org.apache.commons.compress.archivers.tar.TarArchiveEntry("etc/buildkit/" + rel);
                e.setSize(f.getValue().length);
                e.setMode(config.keys().contains(rel) ? 0600 : 0644);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
