package io.jenkins.plugins.buildkit.fs;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.protobuf.ByteString;
import io.jenkins.plugins.buildkit.wire.fsutil.Packet;
import io.jenkins.plugins.buildkit.wire.fsutil.Stat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The local-export receiver: files land with their modes, and nothing escapes the destination. */
public class DirectoryReceiverTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final List<Packet> sent = new ArrayList<>();

    private static Packet stat(String path, int mode, String linkname) {
        return Packet.newBuilder().setType(Packet.PacketType.PACKET_STAT)
                .setStat(Stat.newBuilder().setPath(path).setMode(mode).setLinkname(linkname).setModTime(1_000_000_000L)).build();
    }

    private static Packet data(int id, String text) {
        return Packet.newBuilder().setType(Packet.PacketType.PACKET_DATA).setID(id).setData(ByteString.copyFromUtf8(text)).build();
    }

    @Test
    public void writesRequestedFilesAndAnswersFin() throws IOException {
        Path dest = tmp.getRoot().toPath().resolve("out");
        DirectoryReceiver r = new DirectoryReceiver(dest, sent::add);
        r.handle(stat("dir", GoFileMode.DIR | 0755, ""));
        r.handle(stat("dir/run.sh", 0750, ""));
        r.handle(stat("link", GoFileMode.SYMLINK | 0777, "dir/run.sh"));
        r.handle(Packet.newBuilder().setType(Packet.PacketType.PACKET_STAT).build());
        assertEquals(Packet.PacketType.PACKET_REQ, sent.get(0).getType());
        assertEquals(1, sent.get(0).getID());
        r.handle(data(1, "#!/bin/sh\n"));
        r.handle(data(1, ""));
        assertEquals(Packet.PacketType.PACKET_FIN, sent.get(sent.size() - 1).getType());
        assertEquals("#!/bin/sh\n", Files.readString(dest.resolve("dir/run.sh")));
        assertEquals("rwxr-x---", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dest.resolve("dir/run.sh"))));
        assertEquals(Path.of("dir/run.sh"), Files.readSymbolicLink(dest.resolve("link")));
    }

    /**
     * Images are full of hard links (busybox's applets), each sent as a STAT naming its target. The
     * link is made once the target's data is complete: into an empty destination it would have
     * nothing to point at, and into one holding an older export it would keep the old file.
     */
    @Test
    public void hardLinksPointAtTheNewFile() throws IOException {
        Path dest = tmp.getRoot().toPath().resolve("out");
        Files.createDirectories(dest.resolve("bin"));
        Files.writeString(dest.resolve("bin/busybox"), "old");
        Files.writeString(dest.resolve("bin/sh"), "old");
        DirectoryReceiver r = new DirectoryReceiver(dest, sent::add);
        r.handle(stat("bin", GoFileMode.DIR | 0755, ""));
        r.handle(stat("bin/busybox", 0755, ""));
        r.handle(stat("bin/sh", 0755, "bin/busybox"));
        r.handle(stat("bin/ls", 0755, "bin/busybox"));
        r.handle(Packet.newBuilder().setType(Packet.PacketType.PACKET_STAT).build());
        assertEquals("only the target's data is asked for", 1,
                sent.stream().filter(p -> p.getType() == Packet.PacketType.PACKET_REQ).count());
        r.handle(data(1, "new busybox"));
        r.handle(data(1, ""));
        assertEquals(Packet.PacketType.PACKET_FIN, sent.get(sent.size() - 1).getType());
        for (String link : List.of("bin/sh", "bin/ls")) {
            assertEquals(link, "new busybox", Files.readString(dest.resolve(link)));
            assertTrue(link, Files.isSameFile(dest.resolve("bin/busybox"), dest.resolve(link)));
        }
    }

    /** A link to a file that came earlier in the same transfer is made at once. */
    @Test
    public void aLinkToACompleteFileIsMadeAtOnce() throws IOException {
        Path dest = tmp.getRoot().toPath().resolve("out");
        DirectoryReceiver r = new DirectoryReceiver(dest, sent::add);
        r.handle(stat("a", 0644, ""));
        r.handle(data(0, "a"));
        r.handle(data(0, ""));
        r.handle(stat("b", 0644, "a"));
        assertTrue(Files.isSameFile(dest.resolve("a"), dest.resolve("b")));
    }

    @Test
    public void refusesPathsThatEscape() throws IOException {
        Path dest = tmp.getRoot().toPath().resolve("out");
        for (String bad : List.of("../evil", "/etc/evil", "a/../../evil", "..")) {
            DirectoryReceiver r = new DirectoryReceiver(dest, sent::add);
            IOException e = assertThrows(IOException.class, () -> r.handle(stat(bad, 0644, "")));
            assertThat(e.getMessage(), containsString("refusing path outside the destination"));
        }
        assertFalse(Files.exists(tmp.getRoot().toPath().resolve("evil")));
    }

    @Test
    public void refusesToWriteThroughASymlink() throws IOException {
        Path dest = tmp.getRoot().toPath().resolve("out");
        Path outside = tmp.newFolder("outside").toPath();
        DirectoryReceiver r = new DirectoryReceiver(dest, sent::add);
        r.handle(stat("escape", GoFileMode.SYMLINK | 0777, outside.toString()));
        IOException e = assertThrows(IOException.class, () -> r.handle(stat("escape/owned", 0644, "")));
        assertThat(e.getMessage(), containsString("passes through symlink"));
        IOException hardlink = assertThrows(IOException.class, () -> r.handle(stat("h", 0644, "../../etc/passwd")));
        assertThat(hardlink.getMessage(), containsString("refusing path outside the destination"));
        assertEquals(0, outside.toFile().list().length);
    }

    /** A directory, a file in it, then the directory again as a symlink: the second declaration is refused. */
    @Test
    public void aPathDeclaredTwiceIsRefused() throws IOException {
        Path dest = tmp.getRoot().toPath().resolve("out");
        Path outside = tmp.newFolder("elsewhere").toPath();
        DirectoryReceiver r = new DirectoryReceiver(dest, sent::add);
        r.handle(stat("d", GoFileMode.DIR | 0755, ""));
        r.handle(stat("d/f", 0644, ""));
        IOException e = assertThrows(IOException.class, () -> r.handle(stat("d", GoFileMode.SYMLINK | 0777, outside.toString())));
        assertThat(e.getMessage(), containsString("declared twice"));
        assertTrue(Files.isDirectory(dest.resolve("d"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals(0, outside.toFile().list().length);
    }

    /** A cancelled export leaves no half-written file under the final name, and the earlier file stays whole. */
    @Test
    public void anAbortedFileLeavesNothingHalfWritten() throws IOException {
        Path dest = tmp.getRoot().toPath().resolve("out");
        Files.createDirectories(dest);
        Files.writeString(dest.resolve("report.txt"), "the whole earlier report");
        DirectoryReceiver r = new DirectoryReceiver(dest, sent::add);
        r.handle(stat("report.txt", 0644, ""));
        r.handle(stat("new.txt", 0644, ""));
        r.handle(data(0, "the first half of a new rep"));
        r.handle(data(1, "half"));
        r.abort();
        assertEquals("the whole earlier report", Files.readString(dest.resolve("report.txt")));
        assertFalse(Files.exists(dest.resolve("new.txt")));
        try (var left = Files.list(dest)) {
            assertEquals(List.of("report.txt"), left.map(p -> p.getFileName().toString()).toList());
        }
    }
}
