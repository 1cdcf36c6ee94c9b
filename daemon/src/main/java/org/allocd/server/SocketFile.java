package org.allocd.server;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket's file in the file system. The server binds a private sibling name, sets its mode and
 * group, then hard-links it to the public path: no client ever sees the file with the umask's mode,
 * and link() fails instead of replacing a socket that another daemon published meanwhile.
 */
final class SocketFile {
    private static final Logger log = LoggerFactory.getLogger(SocketFile.class);
    private static final int FILE_TYPE_BITS = 0170000;
    private static final int SOCKET_TYPE = 0140000;

    private SocketFile() {}

    /** Leaves {@code path} free for binding: a stale socket is removed, anything else is refused. */
    static void clearStale(String socketName, Path path) throws IOException {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if ((mode & FILE_TYPE_BITS) != SOCKET_TYPE) {
            throw new IOException(socketName + " socket: " + path + " exists and is not a socket;"
                    + " remove it or configure another path");
        }
        if (someoneListens(socketName, path)) {
            throw new IOException(socketName + " socket: another process is listening on " + path
                    + "; is another allocd running? Stop it first, or configure another path");
        }
        log.info("{} socket: removing stale socket file {} (nobody listens on it)", socketName, path);
        Files.deleteIfExists(path);
    }

    private static boolean someoneListens(String socketName, Path path) throws IOException {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // Non-blocking, so a listener with a full backlog cannot stall start-up; pending counts as alive.
            probe.configureBlocking(false);
            probe.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            throw new IOException(socketName + " socket: cannot tell whether " + path + " is in use: " + e.getMessage()
                    + "; remove it by hand if no allocd runs", e);
        }
    }

    /** The private name to bind before publishing; the pid keeps two starting daemons apart. */
    static Path bindingPath(Path path) {
        return path.resolveSibling(path.getFileName() + "." + ProcessHandle.current().pid());
    }

    static void setModeAndGroup(String socketName, Path file, Set<PosixFilePermission> mode, Optional<String> group)
            throws IOException {
        Files.setPosixFilePermissions(file, mode);
        if (group.isEmpty()) {
            return;
        }
        GroupPrincipal principal;
        try {
            principal = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group.get());
        } catch (UserPrincipalNotFoundException e) {
            throw new IOException(socketName + " socket: group '" + group.get()
                    + "' does not exist; create it or fix the socket's group setting", e);
        }
        try {
            Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setGroup(principal);
        } catch (IOException e) {
            throw new IOException(socketName + " socket: cannot give " + file + " to group '" + group.get() + "': "
                    + e.getMessage() + "; allocd must run as root or be a member of that group", e);
        }
    }

    /** Makes the bound socket visible at {@code path}; returns its identity for {@link #removeIfOurs}. */
    static Object publish(String socketName, Path bound, Path path) throws IOException {
        try {
            Files.createLink(path, bound);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(socketName + " socket: " + path
                    + " appeared while this allocd was starting; is another allocd starting too?", e);
        } finally {
            Files.deleteIfExists(bound);
        }
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /** Removes the socket file unless it was replaced by someone else's since {@link #publish}. */
    static void removeIfOurs(String socketName, Path path, Object fileKey) {
        try {
            Object current = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (current.equals(fileKey)) {
                Files.delete(path);
            } else {
                log.info("{} socket: leaving {} alone; it is no longer this server's socket", socketName, path);
            }
        } catch (NoSuchFileException e) {
            log.info("{} socket: {} was already removed", socketName, path);
        } catch (IOException e) {
            log.warn("{} socket: cannot remove {}: {}", socketName, path, e.toString());
        }
    }
}
