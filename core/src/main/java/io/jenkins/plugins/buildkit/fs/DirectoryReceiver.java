package io.jenkins.plugins.buildkit.fs;

import io.jenkins.plugins.buildkit.wire.fsutil.Packet;
import io.jenkins.plugins.buildkit.wire.fsutil.Stat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The receiving end of fsutil's transfer, used for {@code type=local} exports: the daemon sends one
 * STAT per entry, we request each regular file by its STAT index and write the DATA that follows.
 * Every path is checked to stay inside the destination, and no file is opened through a symlink.
 */
public final class DirectoryReceiver {

    /** Where our answers (REQ, FIN, ERR) go. */
    public interface PacketSink {
        void send(Packet packet) throws IOException;
    }

    private final Path dest;
    private final PacketSink out;
    /** A requested file: where it goes, its STAT, and once data comes, the temporary file being written. */
    private static final class Incoming {
        final Path target;
        final Stat stat;
        Path temp;
        SeekableByteChannel channel;

        Incoming(Path target, Stat stat) {
            this.target = target;
            this.stat = stat;
        }
    }

    /** Requested files by STAT index, until their data is complete. */
    private final Map<Integer, Incoming> requested = new HashMap<>();
    /** The paths of the requested files, for hard links to them. */
    private final java.util.Set<Path> arriving = new java.util.HashSet<>();
    /**
     * Every path declared so far. A sender that declares a directory, a file in it, then the
     * directory again as a symlink would send the file's data outside: a second declaration is refused.
     */
    private final java.util.Set<String> declared = new java.util.HashSet<>();
    /** Hard links whose target's data has not all arrived yet, by target: made when it has. */
    private final Map<Path, List<Path>> linksAwaitingTarget = new HashMap<>();
    /** Directories get their mode and mtime last, once nothing more is written into them. */
    private final Deque<Map.Entry<Path, Stat>> directories = new ArrayDeque<>();
    private int nextId;
    private boolean statsDone;
    private boolean finSent;

    public DirectoryReceiver(Path dest, PacketSink out) throws IOException {
        if (!Files.isDirectory(dest)) {
            // As the reference client makes it: only its owner may look inside until the export is done.
            Path parent = dest.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(dest, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        }
        this.dest = dest.toRealPath();
        this.out = out;
    }

    /** Handles one packet from the sender; returns true once the transfer is complete on our side. */
    public boolean handle(Packet packet) throws IOException {
        switch (packet.getType()) {
            case PACKET_STAT:
                if (!packet.hasStat()) {
                    statsDone = true;
                } else {
                    onStat(packet.getStat(), nextId++);
                }
                break;
            case PACKET_DATA:
                onData(packet.getID(), packet.getData().asReadOnlyByteBuffer());
                break;
            case PACKET_ERR:
                throw new IOException("error from sender: " + packet.getData().toStringUtf8());
            case PACKET_FIN:
                return true;
            default:
                break;
        }
        return maybeFinish();
    }

    private boolean maybeFinish() throws IOException {
        if (statsDone && requested.isEmpty() && !finSent) {
            applyDirectoryMetadata();
            finSent = true;
            out.send(Packet.newBuilder().setType(Packet.PacketType.PACKET_FIN).build());
        }
        return false;
    }

    private void onStat(Stat stat, int id) throws IOException {
        String rel;
        try {
            rel = PathNames.requireContained(stat.getPath());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (!declared.add(rel)) {
            throw new IOException("refusing path declared twice by the sender: \"" + rel + "\"");
        }
        Path target = resolveInside(rel);
        int mode = stat.getMode();
        if (GoFileMode.isDir(mode)) {
            if (Files.isSymbolicLink(target) || (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS))) {
                Files.delete(target);
            }
            Files.createDirectories(target);
            directories.push(Map.entry(target, stat));
        } else if (GoFileMode.isSymlink(mode)) {
            Files.deleteIfExists(target);
            Files.createSymbolicLink(target, Path.of(stat.getLinkname()));
            // The link's own time, not its target's: the reference client keeps the source's.
            Files.getFileAttributeView(target, java.nio.file.attribute.BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.from(stat.getModTime(), TimeUnit.NANOSECONDS), null, null);
        } else if (GoFileMode.isRegular(mode)) {
            if (!stat.getLinkname().isEmpty()) {
                // A link to a file still arriving would point at nothing yet, or at the old file that
                // the new one replaces: link once the target is complete.
                Path linkTarget = resolveInside(requireContained(stat.getLinkname()));
                if (arriving.contains(linkTarget)) {
                    linksAwaitingTarget.computeIfAbsent(linkTarget, t -> new ArrayList<>()).add(target);
                } else {
                    link(target, linkTarget);
                }
                return;
            }
            requested.put(id, new Incoming(target, stat));
            arriving.add(target);
            out.send(Packet.newBuilder().setType(Packet.PacketType.PACKET_REQ).setID(id).build());
        }
        // Devices, pipes and sockets are not recreated: an export is ordinary files.
    }

    /** Makes {@code link} a hard link to {@code target}, replacing whatever is in the way. */
    private static void link(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        Files.createLink(link, target);
    }

    private static String requireContained(String path) throws IOException {
        try {
            return PathNames.requireContained(path);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Resolves a cleaned relative path, refusing to pass through a symlink on the way. */
    private Path resolveInside(String rel) throws IOException {
        Path p = dest;
        String[] parts = rel.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            p = p.resolve(parts[i]);
            if (Files.isSymbolicLink(p)) {
                throw new IOException("refusing path outside the destination: \"" + rel + "\" passes through symlink " + p);
            }
        }
        Path resolved = p.resolve(parts[parts.length - 1]);
        if (!resolved.normalize().startsWith(dest)) {
            throw new IOException("refusing path outside the destination: \"" + rel + "\"");
        }
        return resolved;
    }

    private void onData(int id, ByteBuffer data) throws IOException {
        Incoming file = requested.get(id);
        if (file == null) {
            throw new IOException("data for unrequested file id " + id);
        }
        if (file.channel == null) {
            // A failed or cancelled export must not leave a half-written file under the final name.
            file.temp = file.target.resolveSibling("." + file.target.getFileName() + ".partial-" + id);
            Files.deleteIfExists(file.temp);
            file.channel = Files.newByteChannel(file.temp, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW,
                    LinkOption.NOFOLLOW_LINKS));
        }
        if (!data.hasRemaining()) {
            file.channel.close();
            requested.remove(id);
            arriving.remove(file.target);
            applyMetadata(file.temp, file.stat);
            Files.move(file.temp, file.target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            for (Path link : linksAwaitingTarget.getOrDefault(file.target, List.of())) {
                link(link, file.target);
            }
            linksAwaitingTarget.remove(file.target);
            return;
        }
        while (data.hasRemaining()) {
            file.channel.write(data);
        }
    }

    private void applyDirectoryMetadata() throws IOException {
        while (!directories.isEmpty()) {
            Map.Entry<Path, Stat> dir = directories.pop();
            applyMetadata(dir.getKey(), dir.getValue());
        }
    }

    /** Mode and mtime, on the entry itself: never through a symlink that stands in its place. */
    private static void applyMetadata(Path file, Stat stat) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IOException("refusing to set metadata through symlink " + file);
        }
        // The whole mode, setuid, setgid and sticky bits included, which POSIX permission sets cannot hold.
        Files.setAttribute(file, "unix:mode", GoFileMode.toPosixPermissionBits(stat.getMode()), LinkOption.NOFOLLOW_LINKS);
        Files.getFileAttributeView(file, java.nio.file.attribute.BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(stat.getModTime(), TimeUnit.NANOSECONDS), null, null);
    }

    /** Closes and deletes what a transfer that ended early left half-written. */
    public void abort() {
        for (Incoming file : requested.values()) {
            try {
                if (file.channel != null) {
                    file.channel.close();
                    Files.deleteIfExists(file.temp);
                }
            } catch (IOException ignored) {
                // best effort: the transfer already failed
            }
        }
        requested.clear();
        arriving.clear();
    }
}
