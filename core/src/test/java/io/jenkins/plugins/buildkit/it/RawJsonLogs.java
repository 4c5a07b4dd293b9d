package io.jenkins.plugins.buildkit.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The text that rawjson progress carries base64-encoded (log data, warnings), decoded: a secret must not hide there. */
public final class RawJsonLogs {
    private static final Pattern ENCODED = Pattern.compile("\"(?:data|short)\":\"([A-Za-z0-9+/=]*)\"");

    private RawJsonLogs() {
    }

    public static String decoded(String rawjson) {
        StringBuilder out = new StringBuilder();
        Matcher m = ENCODED.matcher(rawjson);
        while (m.find()) {
            out.append(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
        }
        return out.toString();
    }
}
