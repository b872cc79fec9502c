package org.labbook.tracking.postgres;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.StoreSync;
import org.labbook.tracking.TrackingException;
import org.labbook.tracking.internal.postgres.OfflineSpool;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.Stores;

/**
 * {@code labbook sync [--from PATH] [--to URI]}: sends the runs of an embedded store (by default the
 * spool of the target team store) to a store (by default the one {@code LABBOOK_STORE} or the working
 * directory chooses). Running it again changes nothing. A progress line every two seconds for long
 * copies, one line at the end; bad input and an unreachable target get one line and change nothing.
 */
public final class TeamSync {
    /** Exit codes, as picocli's: 0 done, 1 the store failed or runs could not be sent, 2 bad input. */
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    private static final long PROGRESS_NANOS = 2_000_000_000L;

    private TeamSync() {
    }

    /** With this process's environment, home and working directory. */
    public static int run(String fromPath, String toUri, PrintWriter out, PrintWriter err) {
        return run(fromPath, toUri, System.getenv(), Path.of(System.getProperty("user.home")),
                Path.of("").toAbsolutePath(), out, err);
    }

    /** With a given environment, home and working directory (tests use this). */
    public static int run(String fromPath, String toUri, Map<String, String> environment, Path home, Path workingDirectory,
                          PrintWriter out, PrintWriter err) {
        StoreLocation to;
        Path from;
        try {
            to = StoreLocation.resolve(toUri, environment, workingDirectory);
            boolean team = to.scheme().equals("postgresql");
            if (fromPath == null) {
                if (!team) {
                    return usage(err, "the target " + to.describe() + " is not a team store, so it has no spool to"
                            + " send; name the embedded store to send with --from PATH, or a team store with --to URI");
                }
                from = OfflineSpool.folder(to.uri(), environment, home);
                if (!Files.isDirectory(from)) {
                    out.println("labbook sync: the spool " + from + " of " + to.redacted() + " is empty; nothing to send.");
                    out.flush();
                    return OK;
                }
            } else {
                from = from(fromPath, workingDirectory);
                if (!Files.isRegularFile(from.resolve("labbook.db"))) {
                    return usage(err, "--from " + fromPath + " is not an embedded store (no labbook.db in " + from
                            + "); give the folder of a store or a spool, e.g. --from .labbook");
                }
            }
            if (to.directory() != null && to.directory().equals(from)) {
                return usage(err, "--from and --to name the same store " + from + "; give two different stores");
            }
        } catch (TrackingException e) {
            return usage(err, e.getMessage());
        }
        boolean spoolOfTarget = to.scheme().equals("postgresql")
                && from.equals(OfflineSpool.folder(to.uri(), environment, home));
        try (RunStore source = Stores.open(StoreLocation.parse(StoreLocation.SQLITE + ":" + from, "--from", workingDirectory),
                Stores.DEFAULT_CRASH_TIMEOUT);
             RunStore target = to.scheme().equals("postgresql")
                     ? OfflineSpool.openWithoutSpool(to, environment, home)
                     : Stores.open(to, Stores.DEFAULT_CRASH_TIMEOUT)) {
            StoreSync.Result result = StoreSync.copy(source, target, new SyncProgress(err, PROGRESS_NANOS));
            for (String problem : result.problems()) {
                err.println("labbook sync: cannot send " + problem);
            }
            if (spoolOfTarget) {
                OfflineSpool.retireDone(source, target);
            }
            out.println("labbook sync: from " + from + " to " + to.redacted() + ": " + result.describe() + ".");
            out.flush();
            err.flush();
            return result.problems().isEmpty() ? OK : FAILED;
        } catch (TrackingException e) {
            err.println("labbook sync: " + e.getMessage());
            err.flush();
            return FAILED;
        }
    }

    private static Path from(String text, Path workingDirectory) {
        StoreLocation location = StoreLocation.parse(text, "--from", workingDirectory);
        if (location.directory() == null) {
            throw new org.labbook.tracking.ValidationException("Invalid --from '" + location.redacted() + "': it names a "
                    + location.scheme() + " store, and only embedded stores (folders) are sent. Give a folder, e.g. --from .labbook");
        }
        return location.directory();
    }

    private static int usage(PrintWriter err, String message) {
        err.println("labbook sync: " + message + (message.endsWith(".") ? "" : "."));
        err.flush();
        return USAGE;
    }
}
