package org.labbook.extension.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.labbook.kernel.api.CommandLineExtension;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.TrackingException;
import org.labbook.tracking.Tracker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code labbook report --experiment E [--filter EXPR] [--store URI] --out report.html}: writes the review
 * report of an experiment (see {@link ReviewReport}), printing a line per step on standard error.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML file of an experiment's runs to share: the runs table,",
            "a chart per metric, and each run's params, tags, notes, context and session notebook."})
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--experiment", required = true, paramLabel = "EXP", description = "The experiment.")
    String experiment;

    @Option(names = "--filter", paramLabel = "EXPR",
            description = "Only runs matching this search filter, e.g. \"metrics.val_acc > 0.9\".")
    String filter;

    @Option(names = "--out", required = true, paramLabel = "FILE.html", description = "Where to write the report.")
    Path out;

    @Option(names = "--store", paramLabel = "URI",
            description = "The store (default: LABBOOK_STORE, else .labbook/ at the git root or here).")
    String store;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        try (Tracker tracker = store == null ? Labbook.open() : Labbook.open(store)) {
            ReviewReport.Result report = filter == null
                    ? ReviewReport.write(tracker, experiment, err)
                    : ReviewReport.write(tracker, experiment, filter, err);
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, report.html());
            spec.commandLine().getOut().println("Wrote " + out + ": " + report.runs()
                    + (report.runs() == 1 ? " run, " : " runs, ") + report.charts()
                    + (report.charts() == 1 ? " chart, " : " charts, ") + (report.html().length() / 1024) + " KB");
            return 0;
        } catch (TrackingException | IllegalArgumentException e) {
            err.println("labbook report: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("labbook report: cannot write " + out + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); choose a folder you can write to.");
            return 1;
        }
    }

    /** Registers {@code report} with the {@code labbook} command line. */
    public static final class Extension implements CommandLineExtension {
        @Override
        public Object command() {
            return new ReportCommand();
        }
    }
}
