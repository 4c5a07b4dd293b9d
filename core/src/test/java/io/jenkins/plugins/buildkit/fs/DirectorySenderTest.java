package io.jenkins.plugins.buildkit.fs;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import io.jenkins.plugins.buildkit.wire.fsutil.Packet;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The context's sending end: each requested file arrives whole, and only its own bytes. */
public class DirectorySenderTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static Packet request(Packet.PacketType type, int id) {
        return Packet.newBuilder().setType(type).setID(id).build();
    }

    /**
     * A small file after one of several chunks: the read buffer is shared between files, so a
     * leftover of the larger one must not ride along with the smaller.
     */
    @Test
    public void sendsEachRequestedFileWithOnlyItsOwnBytes() throws Exception {
        Path root = tmp.getRoot().toPath();
        byte[] large = new byte[DirectorySender.CHUNK_SIZE * 2 + 123];
        new Random(42).nextBytes(large);
        Files.write(root.resolve("a-large"), large);
        Files.writeString(root.resolve("b-small"), "hello");
        Files.write(root.resolve("c-empty"), new byte[0]);

        List<Packet> sent = new ArrayList<>();
        DirectorySender sender = new DirectorySender(new DirectoryWalker(root, DirectoryWalker.Filter.none()), sent::add);
        // Walk order is byte-wise by name, so the ids are 0, 1, 2.
        sender.received(request(Packet.PacketType.PACKET_REQ, 0));
        sender.received(request(Packet.PacketType.PACKET_REQ, 1));
        sender.received(request(Packet.PacketType.PACKET_REQ, 2));
        sender.received(request(Packet.PacketType.PACKET_FIN, 0));
        sender.run();

        Map<Integer, ByteArrayOutputStream> content = new HashMap<>();
        Map<Integer, Integer> ends = new HashMap<>();
        for (Packet p : sent) {
            if (p.getType() == Packet.PacketType.PACKET_DATA) {
                if (p.getData().isEmpty()) {
                    ends.merge(p.getID(), 1, Integer::sum);
                } else {
                    p.getData().writeTo(content.computeIfAbsent(p.getID(), id -> new ByteArrayOutputStream()));
                }
            }
        }
        assertArrayEquals(large, content.get(0).toByteArray());
        assertEquals("hello", content.get(1).toString(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(null, content.get(2));
        assertEquals(Map.of(0, 1, 1, 1, 2, 1), ends);
        assertEquals(Packet.PacketType.PACKET_FIN, sent.get(sent.size() - 1).getType());
    }
}
