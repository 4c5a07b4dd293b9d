package io.jenkins.plugins.buildkit.build;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as Docker and Buildx take them on the command line: {@code 512}, {@code 64m}, {@code 10gb}. */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+)([bkmgt]?)b?", Pattern.CASE_INSENSITIVE);

    private ByteSize() {
    }

    /** The size in bytes (binary units: {@code 1k} is 1024), or null when the text is not a size. */
    public static Long parse(String text) {
        Matcher m = text == null ? null : SIZE.matcher(text.trim());
        if (m == null || !m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            case "t" -> n << 40;
            default -> n;
        };
    }
}
