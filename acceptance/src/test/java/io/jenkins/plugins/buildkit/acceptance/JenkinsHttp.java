package io.jenkins.plugins.buildkit.acceptance;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jenkins' HTTP API as the administrator: basic authentication with the password on every request,
 * and, for POSTs, the crumb of this client's session (a password, unlike an API token, needs one).
 * With no user, anonymous. One instance per Jenkins process: a restart invalidates the session and so the crumb.
 */
final class JenkinsHttp {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern JSON_STRING = Pattern.compile("\"%s\"\\s*:\\s*\"([^\"]*)\"");

    final String base;
    private final String authorization;
    private final HttpClient client;
    private String crumbField;
    private String crumb;

    JenkinsHttp(String base, String user, String password) {
        this.base = base;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT);
        return authorization == null ? b : b.header("Authorization", authorization);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body of a GET that must answer 200. */
    String getOk(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode() + "\n" + abbreviate(r.body()));
        }
        return r.body();
    }

    void download(String path, Path to) throws IOException, InterruptedException {
        HttpResponse<Path> r = client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofFile(to));
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode());
        }
    }

    HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        if (crumb == null) {
            String json = getOk("crumbIssuer/api/json");
            crumbField = jsonString(json, "crumbRequestField");
            crumb = jsonString(json, "crumb");
        }
        HttpRequest.Builder b = request(path).header(crumbField, crumb)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST that must answer 2xx or a redirect (what Jenkins' form actions answer on success). */
    HttpResponse<String> postOk(String path, String contentType, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = post(path, contentType, body);
        if (r.statusCode() >= 400) {
            throw new IOException("POST " + path + ": HTTP " + r.statusCode() + "\n" + abbreviate(r.body()));
        }
        return r;
    }

    /** Runs a Groovy script in the script console (administrators only) and returns what it printed. */
    String script(String groovy) throws IOException, InterruptedException {
        HttpResponse<String> r = postOk("scriptText", "application/x-www-form-urlencoded",
                "script=" + URLEncoder.encode(groovy, StandardCharsets.UTF_8));
        return r.body();
    }

    void createJob(String name, String configXml) throws IOException, InterruptedException {
        postOk("createItem?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), "application/xml; charset=UTF-8", configXml);
    }

    /** Schedules a build now (no quiet period) and returns its number once it has left the queue. */
    int build(String job, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> r = postOk("job/" + job + "/build?delay=0sec", null, null);
        String location = r.headers().firstValue("Location")
                .orElseThrow(() -> new IOException("POST job/" + job + "/build: no Location of a queue item"));
        String item = location.substring(location.indexOf("queue/item/"));
        long deadline = System.nanoTime() + timeout.toNanos();
        String json = "";
        while (System.nanoTime() < deadline) {
            json = getOk(item + "api/json?tree=executable[number],why,cancelled");
            Matcher m = Pattern.compile("\"number\"\\s*:\\s*(\\d+)").matcher(json);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (json.contains("\"cancelled\":true")) {
                throw new IOException(job + ": queue item cancelled: " + json);
            }
            Thread.sleep(250);
        }
        throw new IOException(job + ": the build did not leave the queue within " + timeout.toSeconds() + " s: " + json);
    }

    /** Waits (bounded) for a build to finish and returns its result (SUCCESS, FAILURE, ...). */
    String awaitResult(String job, int number, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String json = "";
        while (System.nanoTime() < deadline) {
            json = getOk("job/" + job + "/" + number + "/api/json?tree=building,result");
            if (json.contains("\"building\":false")) {
                String result = jsonString(json, "result");
                return result == null ? "null" : result;
            }
            Thread.sleep(500);
        }
        throw new IOException(job + " #" + number + " still building after " + timeout.toSeconds() + " s: " + json);
    }

    String console(String job, int number) throws IOException, InterruptedException {
        return getOk("job/" + job + "/" + number + "/consoleText");
    }

    static String jsonString(String json, String key) {
        Matcher m = Pattern.compile(String.format(JSON_STRING.pattern(), Pattern.quote(key))).matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static String abbreviate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "... (" + s.length() + " chars)";
    }
}
