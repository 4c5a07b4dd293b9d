package io.jenkins.plugins.buildkit.driver.docker;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import org.junit.Test;

public class DockerEngineTest {
    @Test
    public void apiVersionsBelow139HaveNoBuildKit() {
        assertTrue(DockerEngine.apiMinor("1.38") < DockerEngine.MIN_API_MINOR);
        assertEquals(41, DockerEngine.apiMinor("1.41"));
        assertTrue(DockerEngine.apiMinor("2.0") >= DockerEngine.MIN_API_MINOR);
        assertEquals(0, DockerEngine.apiMinor("garbage"));
    }

    /** GET /version is read without docker-java: an engine may answer it in chunks, with fields in any order. */
    @Test
    public void theVersionAnswerIsReadChunkedOrWhole() throws Exception {
        byte[] json = "{\"Platform\":{\"Name\":\"x\"},\"Components\":[{\"Name\":\"Engine\"}],\"Version\":\"20.10.24\",\"ApiVersion\":\"1.41\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(new DockerEngine.EngineVersion("20.10.24", "1.41"), DockerEngine.parseVersion(json));
        String chunked = Integer.toHexString(10) + "\r\n" + new String(json, 0, 10, java.nio.charset.StandardCharsets.UTF_8) + "\r\n"
                + Integer.toHexString(json.length - 10) + ";ext=1\r\n" + new String(json, 10, json.length - 10, java.nio.charset.StandardCharsets.UTF_8)
                + "\r\n0\r\n\r\n";
        assertEquals(new String(json, java.nio.charset.StandardCharsets.UTF_8),
                new String(DockerEngine.dechunk(chunked.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(assertThrows(java.io.IOException.class, () -> DockerEngine.parseVersion("{\"Version\":\"1\"}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8))).getMessage(), containsString("ApiVersion"));
    }

    @Test
    public void endpointsFromTheEnvironment() throws Exception {
        assertEquals(DockerEndpoint.DEFAULT, DockerEndpoint.fromEnvironment(Map.of()).uri());
        DockerEndpoint plain = DockerEndpoint.fromEnvironment(Map.of("DOCKER_HOST", "tcp://10.0.0.1:2375"));
        assertEquals("tcp://10.0.0.1:2375", plain.uri());
        assertNull(plain.tls());
        assertThat(assertThrows(java.io.IOException.class, () -> DockerEndpoint.fromEnvironment(Map.of(
                "DOCKER_HOST", "tcp://h:2376", "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/no/such/dir"))).getMessage(),
                containsString("DOCKER_CERT_PATH: directory not found: /no/such/dir"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> new DockerEndpoint("ssh://host", null)).getMessage(),
                containsString("endpoint: \"ssh://host\" is not a Docker address"));
    }

    /** "No such file or directory" alone does not say which socket was tried; an engine's own refusal needs no address. */
    @Test
    public void anUnreachableEngineIsNamed() {
        DockerEndpoint endpoint = new DockerEndpoint("unix:///no/such.sock", null);
        assertEquals("cannot reach the Docker Engine at unix:///no/such.sock: No such file or directory",
                DockerEngine.describe(endpoint, new RuntimeException(new java.net.SocketException("No such file or directory"))));
        assertEquals("cannot reach the Docker Engine at unix:///no/such.sock: Connection refused",
                DockerEngine.describe(endpoint, new RuntimeException(new java.net.ConnectException("Connection refused"))));
        assertEquals("No such container: x", DockerEngine.describe(endpoint,
                new com.github.dockerjava.api.exception.NotFoundException("Status 404: {\"message\":\"No such container: x\"}")));
    }

    @Test
    public void registryOfAnImageName() {
        assertEquals("127.0.0.1:5000", EnginePush.registryOf("127.0.0.1:5000/a/b:1"));
        assertEquals("docker.io", EnginePush.registryOf("library/alpine"));
        assertEquals("localhost", EnginePush.registryOf("localhost/x"));
    }
}
