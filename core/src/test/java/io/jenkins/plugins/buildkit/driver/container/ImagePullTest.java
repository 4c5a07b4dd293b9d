package io.jenkins.plugins.buildkit.driver.container;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** Which registry's login pulls a docker-container builder's image. */
public class ImagePullTest {
    private static String registryOf(String image) {
        return new ImagePull("b", image).imageRegistry();
    }

    @Test
    public void theFirstComponentWhenItIsAHostElseDockerHub() {
        assertEquals("docker.io", registryOf("moby/buildkit:buildx-stable-1"));
        assertEquals("docker.io", registryOf("buildkit"));
        assertEquals("registry.example.com", registryOf("registry.example.com/mirror/buildkit:v0.34.2"));
        assertEquals("127.0.0.1:15000", registryOf("127.0.0.1:15000/it/buildkit:1"));
        assertEquals("localhost", registryOf("localhost/buildkit"));
        assertEquals("docker.io", registryOf("index.docker.io/moby/buildkit"));
    }
}
