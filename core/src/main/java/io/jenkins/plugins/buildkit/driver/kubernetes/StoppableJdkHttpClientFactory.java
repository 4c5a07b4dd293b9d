package io.jenkins.plugins.buildkit.driver.kubernetes;

import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * fabric8's factory of JDK HTTP clients, which can also stop the clients it made. Closing a fabric8
 * client only shuts its executor down: the JDK client's selector thread and its connections stay until
 * the garbage collector finds the client, and a command line's JVM waits 0.3 s at exit for a thread
 * like that. From Java 21 a JDK client can be stopped ({@code HttpClient.shutdownNow}); on Java 17
 * {@link #stopAll()} leaves them to the collector, as before.
 */
final class StoppableJdkHttpClientFactory extends JdkHttpClientFactory {
    private final List<HttpClient> made = new CopyOnWriteArrayList<>();

    @Override
    protected HttpClient.Builder createNewHttpClientBuilder() {
        return new RecordingBuilder(super.createNewHttpClientBuilder(), made);
    }

    /** Stops every client made so far, ending their requests; for when nothing uses them any more. */
    void stopAll() {
        for (HttpClient client : made) {
            try {
                HttpClient.class.getMethod("shutdownNow").invoke(client);
            } catch (NoSuchMethodException java17) {
                return;
            } catch (ReflectiveOperationException | RuntimeException e) {
                // stopping is a courtesy: the collector ends the client anyway
            }
        }
        made.clear();
    }

    /** Hands every setting to the JDK's builder and keeps what it builds. */
    private record RecordingBuilder(HttpClient.Builder builder, List<HttpClient> made) implements HttpClient.Builder {
        @Override
        public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
            builder.cookieHandler(cookieHandler);
            return this;
        }

        @Override
        public HttpClient.Builder connectTimeout(Duration duration) {
            builder.connectTimeout(duration);
            return this;
        }

        @Override
        public HttpClient.Builder sslContext(SSLContext sslContext) {
            builder.sslContext(sslContext);
            return this;
        }

        @Override
        public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
            builder.sslParameters(sslParameters);
            return this;
        }

        @Override
        public HttpClient.Builder executor(Executor executor) {
            builder.executor(executor);
            return this;
        }

        @Override
        public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
            builder.followRedirects(policy);
            return this;
        }

        @Override
        public HttpClient.Builder version(HttpClient.Version version) {
            builder.version(version);
            return this;
        }

        @Override
        public HttpClient.Builder priority(int priority) {
            builder.priority(priority);
            return this;
        }

        @Override
        public HttpClient.Builder proxy(ProxySelector proxySelector) {
            builder.proxy(proxySelector);
            return this;
        }

        @Override
        public HttpClient.Builder authenticator(Authenticator authenticator) {
            builder.authenticator(authenticator);
            return this;
        }

        @Override
        public HttpClient build() {
            HttpClient client = builder.build();
            made.add(client);
            return client;
        }
    }
}
