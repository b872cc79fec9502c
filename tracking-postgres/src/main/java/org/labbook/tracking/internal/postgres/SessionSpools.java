package org.labbook.tracking.internal.postgres;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.labbook.tracking.StoreSync;
import org.labbook.tracking.spi.RunStore;

/**
 * The spools of mid-session outages ({@code <spool>-session-ID}, see {@link SpoolingRunStore}). The process
 * that fills one holds an operating-system lock on a file in it for as long as it uses it; the lock goes
 * with the process, however it ends. So a session spool whose lock can be taken was left by a process
 * that died before the server came back, and the next open that reaches the server replays it like the
 * main spool, then deletes it. One that is locked belongs to a live process and is left alone.
 */
final class SessionSpools {
    static final String LOCK_FILE = "owner.lock";

    private SessionSpools() {
    }

    /** A session spool's lock, held by the process that writes to it. */
    static final class Owner implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private Owner(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                // Closing the channel releases the lock anyway, and so does the process ending.
            }
        }
    }

    /** The folder's lock, or null when another process holds it. */
    static Owner tryOwn(Path folder) {
        try {
            Files.createDirectories(folder);
            FileChannel channel = FileChannel.open(folder.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return null;
            }
            return new Owner(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock the spool " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The session spools beside {@code spool}, whatever their state. */
    static List<Path> beside(Path spool) throws IOException {
        Path parent = spool.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return List.of();
        }
        String prefix = spool.getFileName() + "-session-";
        List<Path> found = new ArrayList<>();
        try (var entries = Files.list(parent)) {
            entries.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p))
                    .sorted().forEach(found::add);
        }
        return found;
    }

    /**
     * Replays each session spool beside {@code spool} that no live process holds, and deletes it once the
     * team store has all it held; one that could not be sent whole stays, named in a line, for
     * {@code labbook sync --from}.
     */
    static void replayLeftovers(Path spool, RunStore team, Duration crashTimeout, Path home, String teamName,
                                PrintStream lines) {
        List<Path> folders;
        try {
            folders = beside(spool);
        } catch (IOException e) {
            lines.println("labbook: cannot look for spools left by ended sessions beside " + spool + ": " + e.getMessage());
            return;
        }
        for (Path folder : folders) {
            try (Owner owner = tryOwn(folder)) {
                if (owner == null) {
                    continue;
                }
                StoreSync.Result result = OfflineSpool.replay(folder, team, crashTimeout, home, teamName, lines);
                if (result.problems().isEmpty()) {
                    // Its process is gone, so nothing will write there again: the whole folder goes.
                    deleteFolder(folder);
                } else {
                    lines.println("labbook: the spool " + folder + " keeps what could not be sent; send it with:"
                            + " labbook sync --from " + folder + " --to " + teamName);
                }
            }
        }
    }

    static void deleteFolder(Path folder) {
        try (var files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A folder left behind holds only runs the team store now has; replaying it again changes nothing.
        }
    }
}
