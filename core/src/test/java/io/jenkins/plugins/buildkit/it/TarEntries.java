package io.jenkins.plugins.buildkit.it;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Lists the entries of a tar file, as {@code tar -tf} would, and reads one. */
final class TarEntries {
    private TarEntries() {
    }

    static List<String> names(Path tar) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tar));
                TarArchiveInputStream t = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = t.getNextEntry()) != null) {
                String name = e.getName();
                names.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
            }
        }
        return names;
    }

    /** The content of the entry {@code name}; fails when there is none. */
    static byte[] content(Path tar, String name) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tar));
                TarArchiveInputStream t = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = t.getNextEntry()) != null) {
                if (e.getName().equals(name)) {
                    return t.readAllBytes();
                }
            }
        }
        throw new IOException(tar + " has no entry " + name);
    }
}
