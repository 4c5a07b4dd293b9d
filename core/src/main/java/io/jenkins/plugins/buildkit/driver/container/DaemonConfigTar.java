package io.jenkins.plugins.buildkit.driver.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a docker-container builder's daemon finds in {@code /etc/buildkit} when it starts. */
final class DaemonConfigTar {
    /** Written last: a process that finds the container made by another waits for it before starting it. */
    static final String CONFIGURED_MARKER = "etc/buildkit/.buildkit-jenkins-configured";

    private DaemonConfigTar() {
    }

    /** {@code /etc/buildkit} as a small tarball: the toml buildkitd reads at start, and its certificates. */
    static byte[] of(String configToml, Map<String, String> configFiles) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (org.apache.commons.compress.archivers.tar.TarArchiveOutputStream tar =
                new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_POSIX);
            Map<String, String> files = new java.util.LinkedHashMap<>();
            if (configToml != null) {
                files.put("buildkitd.toml", configToml);
            }
            files.putAll(configFiles);
            files.put(CONFIGURED_MARKER.substring("etc/buildkit/".length()), "");
            for (Map.Entry<String, String> f : files.entrySet()) {
                String rel = io.jenkins.plugins.buildkit.fs.PathNames.requireContained(f.getKey());
                byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
                org.apache.commons.compress.archivers.tar.TarArchiveEntry e =
                        new org.apache.commons.compress.archivers.tar.TarArchiveEntry("etc/buildkit/" + rel);
                e.setSize(content.length);
                e.setMode(0644);
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
