package org.labbook.extension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.labbook.extension.snapshot.SessionSnapshot;
import org.labbook.kernel.api.KernelSession;
import org.labbook.kernel.api.UserError;
import org.labbook.magics.Track;
import org.labbook.magics.TrackMessage;
import org.labbook.magics.TrackSubcommand;
import org.labbook.magics.grammar.TrackCommand;
import org.labbook.tracking.redact.Scrubber;
import org.labbook.tracking.Run;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.Tracker;

/**
 * The {@code %track} subcommands that read sessions back: {@code snapshot}, {@code export} and {@code diff}.
 * Each is listed in {@code META-INF/services/org.labbook.magics.TrackSubcommand}; the grammar (and so the
 * argument checking) stays in the magics' one table.
 */
public final class SnapshotCommands {

    static final String ENAME = "TrackUsageError";

    private SnapshotCommands() {
    }

    /** {@code %track snapshot [RUN]}: the run's session (the active run's so far), cell by cell. */
    public static final class Snapshot implements TrackSubcommand {
        @Override
        public String name() {
            return "snapshot";
        }

        @Override
        public Object run(TrackCommand command, KernelSession session) {
            Tracker tracker = Track.tracker();
            Optional<String> reference = ((TrackCommand.Snapshot) command).run();
            RunDetails run = reference.isPresent() ? Track.resolveRun(reference.get())
                    : Track.activeRun().map(Run::id).map(tracker::details).orElseThrow(
                            () -> new UserError(ENAME, "No run given and no run is active: name one, e.g."
                                    + " %track snapshot last. Usage: %track snapshot [RUN]"));
            return new SessionView(run.name(), run.id(), session(tracker, run));
        }
    }

    /**
     * {@code %track export RUN [--to FILE.ipynb] [--force]}: the run's session as a notebook file, images included;
     * an existing file is replaced only with {@code --force}.
     */
    public static final class Export implements TrackSubcommand {
        @Override
        public String name() {
            return "export";
        }

        @Override
        public Object run(TrackCommand command, KernelSession session) {
            TrackCommand.Export export = (TrackCommand.Export) command;
            Tracker tracker = Track.tracker();
            Optional<Path> chosen = export.to().map(Export::target);
            RunDetails run = Track.resolveRun(export.run());
            SessionSnapshot snapshot = session(tracker, run);
            Path target = chosen.orElseGet(() -> target(run.name().replaceAll("[^A-Za-z0-9._-]", "_") + ".ipynb"));
            // Checked before anything is written: a run named like the open notebook must not replace it.
            if (!export.force() && Files.exists(target)) {
                throw new UserError(ENAME, "Not exporting run '" + run.name() + "': " + target + " exists, and export"
                        + " never replaces a file unasked. Choose another file with --to FILE.ipynb, or add --force"
                        + " to replace it.");
            }
            // Records were scrubbed when built; a last pass catches values collected since.
            byte[] notebook = Scrubber.standard().valuesInUtf8(snapshot.notebook(ref -> RunArtifacts.blob(tracker, run.id(), ref)));
            try {
                Files.write(target, notebook);
            } catch (IOException e) {
                throw new UserError(ENAME, "Cannot write " + target + ": " + e.getMessage()
                        + ". Choose a writable path with --to FILE.ipynb.");
            }
            return new TrackMessage("Wrote the session of run '" + run.name() + "' (" + snapshot.cells().size()
                    + " cells) to " + target + ".");
        }

        private static Path target(String file) {
            try {
                Path path = Path.of(file).toAbsolutePath().normalize();
                if (!path.getFileName().toString().endsWith(".ipynb")) {
                    throw new UserError(ENAME, "Invalid notebook file '" + file + "': it must end in .ipynb."
                            + " Usage: %track export RUN [--to FILE.ipynb] [--force]");
                }
                return path;
            } catch (InvalidPathException e) {
                throw new UserError(ENAME, "Invalid notebook file '" + file + "': " + e.getReason()
                        + ". Usage: %track export RUN [--to FILE.ipynb] [--force]");
            }
        }
    }

    /** {@code %track diff RUN_A RUN_B}: params, cells, code version, environment and datasets that differ. */
    public static final class Diff implements TrackSubcommand {
        @Override
        public String name() {
            return "diff";
        }

        @Override
        public Object run(TrackCommand command, KernelSession session) {
            TrackCommand.Diff diff = (TrackCommand.Diff) command;
            RunDetails a = Track.resolveRun(diff.runA());
            RunDetails b = Track.resolveRun(diff.runB());
            return new TrackMessage(RunDiff.between(Track.tracker(), a, b));
        }
    }

    static SessionSnapshot session(Tracker tracker, RunDetails run) {
        return RunArtifacts.session(tracker, run.id()).orElseThrow(() -> new UserError(ENAME, "Run '" + run.name()
                + "' has no session snapshot: it was not started from a Labbook notebook kernel with snapshots on."
                + " Pick a run started with %track start."));
    }
}
