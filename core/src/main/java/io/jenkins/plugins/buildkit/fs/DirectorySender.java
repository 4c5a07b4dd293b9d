package io.jenkins.plugins.buildkit.fs;

import com.google.protobuf.ByteString;
import io.jenkins.plugins.buildkit.wire.fsutil.Packet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The sending end of fsutil's transfer (a build context to the daemon): one STAT per entry in walk
 * order, an empty STAT, then the content of each regular file the receiver requests, in chunks,
 * each file closed by an empty DATA packet, until the receiver says FIN.
 */
public final class DirectorySender {

    /** Sized so that a chunk stays well below gRPC's 4 MiB message limit and the heap stays small. */
    static final int CHUNK_SIZE = 128 * 1024;

    private static final Packet END_OF_STREAM = Packet.newBuilder().setType(Packet.PacketType.PACKET_ERR)
            .setData(ByteString.copyFromUtf8("receiver closed the stream")).build();

    private final DirectoryWalker walker;
    private final DirectoryReceiver.PacketSink out;
    private final BlockingQueue<Packet> fromReceiver = new LinkedBlockingQueue<>();
    private final Map<Integer, Path> files = new HashMap<>();
    /**
     * One read buffer for every file: each packet copies what it carries. A buffer per file cost
     * 128 KiB for each small file, most of what a context of many files allocated, and the heap
     * grew to hundreds of MiB to hold it.
     */
    private byte[] chunk;

    public DirectorySender(DirectoryWalker walker, DirectoryReceiver.PacketSink out) {
        this.walker = walker;
        this.out = out;
    }

    /** A packet from the receiver: REQ, FIN or ERR. */
    public void received(Packet packet) {
        fromReceiver.add(packet);
    }

    /** The receiver's side of the stream ended without FIN. */
    public void receiverClosed() {
        fromReceiver.add(END_OF_STREAM);
    }

    /** Sends the tree and serves requests; returns after FIN has been answered. */
    public void run() throws IOException, InterruptedException {
        int[] nextId = {0};
        walker.walk((stat, file) -> {
            int id = nextId[0]++;
            if (GoFileMode.isRegular(stat.getMode()) && stat.getLinkname().isEmpty()) {
                files.put(id, file);
            }
            out.send(Packet.newBuilder().setType(Packet.PacketType.PACKET_STAT).setStat(stat).build());
        });
        out.send(Packet.newBuilder().setType(Packet.PacketType.PACKET_STAT).build());

        while (true) {
            Packet packet = fromReceiver.take();
            switch (packet.getType()) {
                case PACKET_REQ:
                    sendFile(packet.getID());
                    break;
                case PACKET_FIN:
                    out.send(Packet.newBuilder().setType(Packet.PacketType.PACKET_FIN).build());
                    return;
                case PACKET_ERR:
                    throw new IOException("error from receiver: " + packet.getData().toStringUtf8());
                default:
                    break;
            }
        }
    }

    private void sendFile(int id) throws IOException {
        Path file = files.remove(id);
        if (file == null) {
            throw new IOException("invalid file id " + id);
        }
        if (chunk == null) {
            chunk = new byte[CHUNK_SIZE];
        }
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.readNBytes(chunk, 0, chunk.length)) > 0) {
                out.send(Packet.newBuilder().setType(Packet.PacketType.PACKET_DATA).setID(id)
                        .setData(ByteString.copyFrom(chunk, 0, n)).build());
            }
        }
        out.send(Packet.newBuilder().setType(Packet.PacketType.PACKET_DATA).setID(id).build());
    }
}
