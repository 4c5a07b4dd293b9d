package io.jenkins.plugins.buildkit.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;

/** Build contexts for the integration tests, made on local disk; no registry is needed for a base image. */
public final class ContextFixtures {
    private ContextFixtures() {
    }

    public static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** {@code rootfs/bin/busybox} and {@code rootfs/bin/sh -> busybox}: enough of a rootfs for RUN. */
    public static void addBusyboxRootfs(Path context, Path busybox) throws IOException {
        Path bin = context.resolve("rootfs/bin");
        Files.createDirectories(bin);
        Files.copy(busybox, bin.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(bin.resolve("busybox"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(bin.resolve("sh"), Path.of("busybox"));
    }

    /**
     * The context of an SBOM generator image of our own (BuildKit's default one cannot be pulled
     * here): it writes an SPDX document naming one package, {@code files-N} for the N files it finds
     * in the scanned image.
     */
    public static void writeSbomScanner(Path context, Path busybox) throws IOException {
        write(context.resolve("Dockerfile"), "FROM scratch\nCOPY rootfs/ /\nENTRYPOINT [\"/bin/sh\", \"/bin/scan\"]\n");
        addBusyboxRootfs(context, busybox);
        write(context.resolve("rootfs/bin/scan"), "set -e\n"
                + "out=\"$BUILDKIT_SCAN_DESTINATION/$(/bin/busybox basename \"$BUILDKIT_SCAN_SOURCE\").spdx.json\"\n"
                + "count=$(/bin/busybox find \"$BUILDKIT_SCAN_SOURCE\" -type f | /bin/busybox wc -l)\n"
                + "echo '{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":\"https://spdx.dev/Document\",\"subject\":[],\"predicate\":'"
                + "'{\"spdxVersion\":\"SPDX-2.3\",\"dataLicense\":\"CC0-1.0\",\"SPDXID\":\"SPDXRef-DOCUMENT\",'"
                + "'\"name\":\"scanned-by-the-test\",\"documentNamespace\":\"https://example.com/scan\",'"
                + "'\"creationInfo\":{\"created\":\"2026-01-01T00:00:00Z\",\"creators\":[\"Tool: test-scanner\"]},'"
                + "'\"packages\":[{\"name\":\"files-'$count'\",\"SPDXID\":\"SPDXRef-files\",\"downloadLocation\":\"NOASSERTION\"}]}}' > \"$out\"\n");
    }

    /** A file of pseudo-random bytes (so nothing along the way can compress it away). */
    static void writeRandomFile(Path file, long size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            long left = size;
            while (left > 0) {
                random.nextBytes(buf);
                int n = (int) Math.min(buf.length, left);
                out.write(buf, 0, n);
                left -= n;
            }
        }
    }
}
