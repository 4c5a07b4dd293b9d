package io.jenkins.plugins.buildkit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content store in OCI image layout ({@code blobs/sha256/<hex>}, {@code index.json},
 * {@code oci-layout}): where a {@code type=local} cache is written and read back.
 */
public final class OciLayoutStore {
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public OciLayoutStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The file of a blob; refuses anything but a sha256 digest. */
    Path blob(String digest) throws IOException {
        if (!DIGEST.matcher(digest).matches()) {
            throw new IOException("invalid digest \"" + digest + "\"");
        }
        return dir.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
    }

    /** Where a write in progress, named by its reference, collects its bytes. */
    Path ingest(String ref) throws IOException {
        Path ingestDir = dir.resolve("ingest");
        Files.createDirectories(ingestDir);
        return ingestDir.resolve(sha256Hex(ref.getBytes(StandardCharsets.UTF_8)));
    }

    /** Moves a finished write into place after checking its digest; returns the digest. */
    String commit(Path ingest, String expected) throws IOException {
        String actual = "sha256:" + sha256Hex(ingest);
        if (expected != null && !expected.isEmpty() && !expected.equals(actual)) {
            throw new IOException("unexpected commit digest " + actual + ", expected " + expected);
        }
        Path target = blob(actual);
        Files.createDirectories(target.getParent());
        Files.move(ingest, target, StandardCopyOption.REPLACE_EXISTING);
        ensureLayout();
        return actual;
    }

    private void ensureLayout() throws IOException {
        Path layout = dir.resolve("oci-layout");
        if (!Files.exists(layout)) {
            Files.writeString(layout, "{\"imageLayoutVersion\":\"1.0.0\"}");
        }
    }

    /** The digest {@code index.json} records for {@code tag}, or null. */
    public String digestForTag(String tag) throws IOException {
        Path index = dir.resolve("index.json");
        if (!Files.exists(index)) {
            return null;
        }
        for (JsonNode m : JSON.readTree(index.toFile()).path("manifests")) {
            if (tag.equals(m.path("annotations").path(REF_NAME).asText())) {
                return m.path("digest").asText(null);
            }
        }
        return null;
    }

    /** Records a descriptor (JSON, as the daemon reports it) in {@code index.json} under {@code tag}. */
    public void putIndex(String descriptorJson, String tag) throws IOException {
        Path index = dir.resolve("index.json");
        ObjectNode root = Files.exists(index) ? (ObjectNode) JSON.readTree(index.toFile()) : JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode manifests = JSON.createArrayNode();
        for (JsonNode m : root.path("manifests")) {
            if (!tag.equals(m.path("annotations").path(REF_NAME).asText())) {
                manifests.add(m);
            }
        }
        ObjectNode desc = (ObjectNode) JSON.readTree(descriptorJson);
        ObjectNode annotations = desc.has("annotations") ? (ObjectNode) desc.get("annotations") : desc.putObject("annotations");
        annotations.put(REF_NAME, tag);
        manifests.add(desc);
        root.set("manifests", manifests);
        Files.createDirectories(dir);
        JSON.writeValue(index.toFile(), root);
        ensureLayout();
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
