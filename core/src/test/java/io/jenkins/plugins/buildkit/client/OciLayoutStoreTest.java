package io.jenkins.plugins.buildkit.client;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class OciLayoutStoreTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);

    @Test
    public void indexNamesOneDescriptorPerTag() throws Exception {
        Path dir = tmp.getRoot().toPath().resolve("cache");
        OciLayoutStore store = new OciLayoutStore(dir);
        assertNull(store.digestForTag("latest"));
        store.putIndex("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + A + "\",\"size\":10}", "latest");
        store.putIndex("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + B + "\",\"size\":11}", "v2");
        store.putIndex("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + B + "\",\"size\":11}", "latest");
        assertEquals(B, store.digestForTag("latest"));
        assertEquals(B, store.digestForTag("v2"));
        String index = Files.readString(dir.resolve("index.json"));
        assertThat(index, containsString("\"schemaVersion\":2"));
        assertEquals(2, index.split("org.opencontainers.image.ref.name").length - 1);
        assertThat(Files.readString(dir.resolve("oci-layout")), containsString("\"imageLayoutVersion\":\"1.0.0\""));
    }
}
