package io.jenkins.plugins.buildkit.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What runs on this machine: a build step's process is visible here whichever daemon started it. */
public final class Processes {
    private Processes() {
    }

    public static boolean running(String cmdline) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).anyMatch(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ').trim().equals(cmdline);
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }
}
