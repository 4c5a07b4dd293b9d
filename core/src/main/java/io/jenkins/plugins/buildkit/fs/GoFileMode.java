package io.jenkins.plugins.buildkit.fs;

/**
 * fsutil carries file modes as Go {@code os.FileMode} bits, not POSIX {@code st_mode}:
 * the type lives in the high bits and setuid/setgid/sticky have their own positions.
 */
public final class GoFileMode {
    public static final int DIR = 1 << 31;
    public static final int SYMLINK = 1 << 27;
    public static final int DEVICE = 1 << 26;
    public static final int NAMED_PIPE = 1 << 25;
    public static final int SOCKET = 1 << 24;
    public static final int SETUID = 1 << 23;
    public static final int SETGID = 1 << 22;
    public static final int CHAR_DEVICE = 1 << 21;
    public static final int STICKY = 1 << 20;
    public static final int IRREGULAR = 1 << 19;
    public static final int TYPE_MASK = DIR | SYMLINK | NAMED_PIPE | SOCKET | DEVICE | CHAR_DEVICE | IRREGULAR;

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    private GoFileMode() {
    }

    public static int fromPosix(int stMode) {
        int mode = stMode & 0777;
        switch (stMode & S_IFMT) {
            case S_IFDIR: mode |= DIR; break;
            case S_IFLNK: mode |= SYMLINK; break;
            case S_IFIFO: mode |= NAMED_PIPE; break;
            case S_IFSOCK: mode |= SOCKET; break;
            case S_IFBLK: mode |= DEVICE; break;
            case S_IFCHR: mode |= DEVICE | CHAR_DEVICE; break;
            case S_IFREG: break;
            default: mode |= IRREGULAR;
        }
        if ((stMode & 04000) != 0) {
            mode |= SETUID;
        }
        if ((stMode & 02000) != 0) {
            mode |= SETGID;
        }
        if ((stMode & 01000) != 0) {
            mode |= STICKY;
        }
        return mode;
    }

    public static boolean isDir(int goMode) {
        return (goMode & DIR) != 0;
    }

    public static boolean isSymlink(int goMode) {
        return (goMode & SYMLINK) != 0;
    }

    /** A regular file: the only kind whose content travels in DATA packets. */
    public static boolean isRegular(int goMode) {
        return (goMode & TYPE_MASK) == 0;
    }

    public static int permissions(int goMode) {
        return goMode & 0777;
    }

    /** The POSIX permission bits, with setuid (04000), setgid (02000) and sticky (01000). */
    public static int toPosixPermissionBits(int goMode) {
        int bits = goMode & 0777;
        if ((goMode & SETUID) != 0) {
            bits |= 04000;
        }
        if ((goMode & SETGID) != 0) {
            bits |= 02000;
        }
        if ((goMode & STICKY) != 0) {
            bits |= 01000;
        }
        return bits;
    }
}
