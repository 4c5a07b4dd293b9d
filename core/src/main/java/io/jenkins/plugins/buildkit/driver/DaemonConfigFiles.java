package io.jenkins.plugins.buildkit.driver;

import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.InvalidRequestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files a builder's buildkitd.toml names for its registries ({@code ca}, and the {@code key} and
 * {@code cert} of a {@code keypair}), read on the machine that runs the build and handed to a daemon we
 * start, with the toml's paths rewritten to where that daemon finds them, as Buildx does for its
 * container and kubernetes drivers.
 *
 * <p>The toml is read line by line rather than parsed whole: only the string values of those keys
 * inside {@code [registry."HOST"]} tables change, so the rest of the text reaches buildkitd as written.
 *
 * @param toml the rewritten buildkitd.toml, or null when the builder has none
 * @param files each file's path below {@code /etc/buildkit} and its content
 * @param keys the paths among {@code files} that hold private keys
 */
public record DaemonConfigFiles(String toml, Map<String, byte[]> files, Set<String> keys) {
    /** Where the daemon reads its configuration; the files go below it. */
    public static final String CONFIG_DIR = "/etc/buildkit";
    private static final String FIELD = "buildkitdConfig";
    private static final long MAX_FILE_BYTES = 256 * 1024;
    private static final Pattern TABLE = Pattern.compile("^\\s*\\[\\[?\\s*([^\\]]+?)\\s*\\]\\]?\\s*(#.*)?$");
    private static final Pattern REGISTRY_TABLE = Pattern.compile("registry\\s*\\.\\s*(\"([^\"]+)\"|'([^']+)'|([A-Za-z0-9_.:-]+?))(\\s*\\..*)?");
    private static final Pattern FILE_KEY = Pattern.compile("^\\s*(ca|keypair|key|cert)\\s*=");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'");
    private static final Pattern NAMED_STRING = Pattern.compile("(\\b(?:ca|key|cert)\\s*=\\s*)?(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*')");

    public DaemonConfigFiles {
        files = Map.copyOf(files);
        keys = Set.copyOf(keys);
    }

    /**
     * Reads the files {@code toml} names.
     *
     * @throws InvalidRequestException on the {@code buildkitdConfig} field, naming the registry and the
     *     path, when a path is not absolute, cannot be read, or is larger than a certificate can be
     */
    public static DaemonConfigFiles read(String toml) {
        if (toml == null) {
            return new DaemonConfigFiles(null, Map.of(), Set.of());
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        Set<String> keys = new java.util.HashSet<>();
        Map<String, String> placed = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder();
        String registry = null;
        int openBrackets = 0;
        String valueKey = null;
        for (String line : toml.split("\n", -1)) {
            Matcher table = openBrackets == 0 ? TABLE.matcher(line) : null;
            if (table != null && table.matches()) {
                Matcher r = REGISTRY_TABLE.matcher(table.group(1));
                registry = r.matches() ? first(r.group(2), r.group(3), r.group(4)) : null;
                out.append(line).append('\n');
                continue;
            }
            boolean startsValue = registry != null && openBrackets == 0 && FILE_KEY.matcher(line).find();
            if (registry == null || (!startsValue && openBrackets == 0)) {
                out.append(line).append('\n');
                continue;
            }
            if (startsValue) {
                Matcher k = FILE_KEY.matcher(line);
                k.find();
                valueKey = k.group(1);
            }
            StringBuilder rewritten = new StringBuilder();
            Matcher s = NAMED_STRING.matcher(line);
            int at = 0;
            while (s.find()) {
                String kind = s.group(1) != null ? s.group(1).replaceAll("\\s*=\\s*$", "").trim() : valueKey;
                Matcher str = STRING.matcher(s.group(2));
                str.matches();
                String path = first(str.group(1), str.group(2), null);
                String inDaemon = place(registry, kind, path, files, keys, placed);
                rewritten.append(line, at, s.start(2)).append('"').append(inDaemon).append('"');
                at = s.end(2);
            }
            rewritten.append(line.substring(at));
            openBrackets += count(line, '[') + count(line, '{') - count(line, ']') - count(line, '}');
            openBrackets = Math.max(0, openBrackets);
            out.append(rewritten).append('\n');
        }
        out.setLength(out.length() - 1);
        return new DaemonConfigFiles(out.toString(), files, keys);
    }

    private static String place(String registry, String kind, String path, Map<String, byte[]> files, Set<String> keys,
            Map<String, String> placed) {
        String already = placed.get(path);
        if (already != null) {
            return CONFIG_DIR + "/" + already;
        }
        Path file = Path.of(path);
        String what = "registry \"" + registry + "\": " + kind + " \"" + path + "\"";
        if (!file.isAbsolute()) {
            throw bad(what + " is not an absolute path (the file is read on the machine that runs the build)");
        }
        byte[] content;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw bad(what + " is larger than " + MAX_FILE_BYTES / 1024 + " KiB: not a certificate or key");
            }
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw bad(what + " cannot be read on the machine that runs the build: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null || e.getMessage().equals(path) ? "" : " " + e.getMessage()));
        }
        String dir = "certs/" + registry.replaceAll("[^A-Za-z0-9._-]", "_") + "/";
        String name = file.getFileName().toString();
        String relative = dir + name;
        for (int n = 2; files.containsKey(relative); n++) {
            relative = dir + n + "-" + name;
        }
        files.put(relative, content);
        placed.put(path, relative);
        if ("key".equals(kind)) {
            keys.add(relative);
        }
        return CONFIG_DIR + "/" + relative;
    }

    private static InvalidRequestException bad(String message) {
        return new InvalidRequestException(new BuildSpec.Problem(FIELD, message), FIELD + ": " + message);
    }

    private static String first(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }

    private static int count(String line, char c) {
        int n = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == '#' && !quoted) {
                break;
            } else if (ch == c && !quoted) {
                n++;
            }
        }
        return n;
    }
}
