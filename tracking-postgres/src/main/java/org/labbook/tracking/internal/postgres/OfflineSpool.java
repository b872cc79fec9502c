package org.labbook.tracking.internal.postgres;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.labbook.tracking.RunQuery;
import org.labbook.tracking.RunStatus;
import org.labbook.tracking.StoreException;
import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.StoreSync;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.Stores;

/**
 * The team store when its server cannot be reached: the runs of a session that opens the store while
 * the server is away go to a spool, an embedded store of its own per team store, and reach the server
 * at the next open that reaches it or with {@code labbook sync}.
 *
 * <p>The spool of {@code postgresql://ada@db.example:5432/labbook?schema=fraud} is the folder
 * {@code ~/.labbook/spool/ada@db.example-5432-labbook-fraud} ({@value #FOLDER_VARIABLE} names another
 * parent folder). It holds no password. A replayed run is deleted from the spool (it stays in its
 * folder, marked deleted, so nothing a live process holds vanishes under it); a run still RUNNING in
 * the spool is replayed again next time, and the store's marks keep its points from arriving twice.
 * The spools of mid-session outages left by processes that ended are replayed there too
 * ({@link SessionSpools}).
 *
 * <p>Only a server that does not answer opens the spool: a wrong password, an unknown database or a
 * store refused for another reason fails as before, in one line.
 */
public final class OfflineSpool {
    /** A folder for the spools of every team store, instead of {@code ~/.labbook/spool}. */
    static final String FOLDER_VARIABLE = "LABBOOK_SPOOL";

    private OfflineSpool() {
    }

    /** The spool folder of the team store at {@code uri}. */
    public static Path folder(String uri, Map<String, String> environment, Path home) {
        return folder(ConnectionSettings.parse(uri, environment), environment, home);
    }

    /** The team store itself, failing in one line when its server does not answer (for {@code labbook sync}). */
    public static RunStore openWithoutSpool(StoreLocation location, Map<String, String> environment, Path home) {
        return PostgresStoreProvider.open(location, Stores.DEFAULT_CRASH_TIMEOUT, environment, home, System.err);
    }

    /** The spool folder of a team store. */
    static Path folder(ConnectionSettings settings, Map<String, String> environment, Path home) {
        String parent = environment.get(FOLDER_VARIABLE);
        Path base = parent != null && !parent.isBlank() ? Path.of(parent) : home.resolve(".labbook").resolve("spool");
        String name = settings.user() + "@" + settings.host() + "-" + settings.port() + "-" + settings.database()
                + (settings.schema() != null ? "-" + settings.schema() : "");
        return base.resolve(name.replaceAll("[^A-Za-z0-9._@-]", "_"));
    }

    /**
     * The team store, after replaying what its spool holds; or, when the server does not answer, the
     * spool, with one line saying so.
     */
    static RunStore open(StoreLocation location, Duration crashTimeout, Map<String, String> environment, Path home,
                         PrintStream lines) {
        ConnectionSettings settings = ConnectionSettings.parse(location.uri(), environment);
        Path spool = folder(settings, environment, home);
        RunStore team;
        try {
            team = PostgresStoreProvider.open(location, crashTimeout, environment, home, lines);
        } catch (StoreException e) {
            if (!unreachable(e)) {
                throw e;
            }
            RunStore local = Stores.open(StoreLocation.parse(StoreLocation.SQLITE + ":" + spool, "spool of "
                    + settings.redacted(), home), crashTimeout);
            int waiting = waiting(local);
            lines.println("labbook: the PostgreSQL store " + settings.redacted() + " is offline (" + reason(e)
                    + "); runs go to the spool " + spool + " (" + waiting
                    + " run" + (waiting == 1 ? "" : "s") + " already waiting) and reach the store at the next open"
                    + " that finds it, or with: labbook sync --to " + settings.redacted());
            return local;
        }
        try {
            if (Files.isDirectory(spool)) {
                replay(spool, team, crashTimeout, home, settings.redacted(), lines);
            }
            // Spools of mid-session outages whose process ended before the server came back.
            SessionSpools.replayLeftovers(spool, team, crashTimeout, home, settings.redacted(), lines);
        } catch (RuntimeException e) {
            team.close();
            throw e;
        }
        return new SpoolingRunStore(team, settings, spool, home, crashTimeout, lines);
    }

    /**
     * Sends what a spool holds to the team store and deletes the runs that are done from the spool; one
     * line when anything was sent, and one per run that could not be.
     */
    static StoreSync.Result replay(Path spool, RunStore team, Duration crashTimeout, Path home, String teamName,
                                   PrintStream lines) {
        try (RunStore local = Stores.open(StoreLocation.parse(StoreLocation.SQLITE + ":" + spool, "spool", home),
                crashTimeout)) {
            StoreSync.Result result = StoreSync.copy(local, team, progress -> { });
            for (String problem : result.problems()) {
                lines.println("labbook: cannot send a spooled run to " + teamName + ": " + problem);
            }
            retireDone(local, team);
            if (result.changedRuns() > 0) {
                lines.println("labbook: the spool " + spool + " is caught up with " + teamName + ": "
                        + result.describe() + ".");
            }
            return result;
        }
    }

    /** Runs the team store now has and that no one logs to any more leave the spool. */
    public static void retireDone(RunStore local, RunStore team) {
        for (var run : local.search(RunQuery.all().limit(RunQuery.MAX_LIMIT)).runs()) {
            if (run.status() != RunStatus.RUNNING && team.findRun(run.id()).isPresent()) {
                local.deleteRun(run.id());
            }
        }
    }

    private static int waiting(RunStore local) {
        return local.search(RunQuery.all().limit(RunQuery.MAX_LIMIT)).runs().size();
    }

    /** The driver's first sentence ("Connection to db.example:5432 refused"), which holds no password. */
    private static String reason(StoreException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String text = PostgresTransactor.reasonOf(sql);
                int end = text.indexOf(". ");
                return end > 0 ? text.substring(0, end) : text.replaceFirst("\\.$", "");
            }
        }
        return "no answer";
    }

    /** A server that did not answer, as opposed to one that answered with a refusal. */
    static boolean unreachable(StoreException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = PostgresTransactor.sqlState(sql);
                return state != null && (state.equals("08001") || state.equals("08006") || state.startsWith("57P"));
            }
        }
        return false;
    }
}
