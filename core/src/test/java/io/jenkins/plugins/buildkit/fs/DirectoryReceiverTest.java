package io.jenkins.plugins.buildkit.fs;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

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
}
