package org.labbook.extension.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.labbook.kernel.api.KernelSession;
import org.labbook.kernel.api.UserError;
import org.labbook.magics.Track;
import org.labbook.magics.TrackMessage;
import org.labbook.magics.TrackSubcommand;
import org.labbook.magics.grammar.TrackCommand;

/** {@code %track report --experiment EXP [--filter EXPR] [--out FILE.html]}: {@code labbook report} from a notebook. */
public final class ReportMagic implements TrackSubcommand {
    static final String ENAME = "TrackUsageError";
    static final String USAGE = "Usage: %track report --experiment EXP [--filter EXPR] [--out FILE.html]";

    @Override
    public String name() {
        return "report";
    }

    @Override
    public Object run(TrackCommand command, KernelSession session) {
        TrackCommand.Report report = (TrackCommand.Report) command;
        Path target = target(report.out().orElse(report.experiment().replaceAll("[^A-Za-z0-9._-]", "_")
                + "-report.html"));
        ReviewReport.Result written;
        try {
            PrintWriter quiet = new PrintWriter(PrintWriter.nullWriter());
            written = report.filter().isPresent()
                    ? ReviewReport.write(Track.tracker(), report.experiment(), report.filter().get(), quiet)
                    : ReviewReport.write(Track.tracker(), report.experiment(), quiet);
        } catch (IllegalArgumentException e) {
            throw new UserError(ENAME, e.getMessage() + " " + USAGE);
        }
        try {
            Path parent = target.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(target, written.html());
        } catch (IOException e) {
            throw new UserError(ENAME, "Cannot write " + target + " (" + e.getMessage() + "); choose a writable"
                    + " file with --out FILE.html. " + USAGE);
        }
        return new TrackMessage("Wrote the report of experiment '" + report.experiment() + "' (" + written.runs()
                + (written.runs() == 1 ? " run, " : " runs, ") + written.charts()
                + (written.charts() == 1 ? " chart" : " charts") + ") to " + target + ".");
    }

    private static Path target(String file) {
        try {
            Path path = Path.of(file).toAbsolutePath().normalize();
            if (!path.getFileName().toString().endsWith(".html")) {
                throw new UserError(ENAME, "Invalid report file '" + file + "': it must end in .html. " + USAGE);
            }
            return path;
        } catch (InvalidPathException e) {
            throw new UserError(ENAME, "Invalid report file '" + file + "': " + e.getReason() + ". " + USAGE);
        }
    }
}
