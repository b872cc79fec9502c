package org.labbook.extension;

import org.labbook.context.capture.EnvironmentCapture;
import org.labbook.context.capture.GitCapture;
import org.labbook.extension.snapshot.CellRecordBuilder;
import org.labbook.extension.snapshot.StateChanges;
import org.labbook.extension.snapshot.StateTracker;
import org.labbook.extension.snapshot.VariableRecord;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.labbook.kernel.api.CellEnd;
import org.labbook.kernel.api.ClasspathEntry;
import org.labbook.kernel.api.ExtensionContext;
import org.labbook.kernel.api.JShellState;
import org.labbook.kernel.api.KernelExtension;
import org.labbook.kernel.api.KernelSession;
import org.labbook.kernel.api.ValueText;
import org.labbook.tracking.Run;
import org.labbook.tracking.redact.Scrubber;

/**
 * Records every cell the kernel runs, from its start, and attaches to each run the session that produced it,
 * the code version, the environment and the notebook file. On the cell's thread it only compares the JShell
 * state with the previous cell's and queues the cell; everything else happens on a background writer.
 */
public final class SnapshotExtension implements KernelExtension {

    private final TrackedRuns runs;
    private final StateTracker state = new StateTracker();
    /** Runs started in or active after some cell and not yet seen ended; touched only on the cell's thread. */
    private final Map<String, Run> seenRuns = new LinkedHashMap<>();
    private KernelSession session;
    private SessionRecorder recorder;
    private final RunEvents runEvents = new RunEvents();
    private final SecretVariables secrets = new SecretVariables(Scrubber.standard());

    /**
     * The run events of the snapshot extension of the kernel in this JVM: the one way the run listener,
     * which the {@code %track} magics create on their own, reaches it.
     */
    private static volatile RunEvents installedRunEvents;

    static Optional<RunEvents> runEvents() {
        return Optional.ofNullable(installedRunEvents);
    }

    public SnapshotExtension() {
        this(TrackedRuns.ofTrackMagics());
    }

    SnapshotExtension(TrackedRuns runs) {
        this.runs = runs;
    }

    @Override
    public String name() {
        return "labbook-snapshots";
    }

    /**
     * {@code LABBOOK_SNAPSHOTS=off} in the kernel's environment turns cell recording off for that kernel,
     * e.g. for a notebook whose cells must not be kept, or to measure what recording costs.
     */
    static final String SWITCH = "LABBOOK_SNAPSHOTS";

    @Override
    public void register(ExtensionContext context) {
        if ("off".equalsIgnoreCase(System.getenv(SWITCH))) {
            return; // recorder stays null: afterCell records nothing
        }
        session = context.session();
        recorder = new SessionRecorder(session.sessionId(), session.kernelVersion(), runs,
                CellRecordBuilder.standard(), EnvironmentCapture.shared(), GitCapture.standard(), kernelLog());
        installedRunEvents = runEvents;
    }

    @Override
    public void afterCell(CellEnd cell) {
        if (recorder == null) {
            return; // switched off, or shut down already
        }
        List<ClasspathEntry> classpath = session.classpath();
        StateChanges changes = state.next(cell.state(), classpath, cell.cell().source());
        secrets.collect(changes, cell.state());
        RunEvents.Drained events = runEvents.drain();
        // Runs started in this cell come first, in order; then the one active after it (perhaps older).
        List<Run> seen = new ArrayList<>(events.started());
        runs.activeRun().filter(run -> !seen.contains(run)).ifPresent(seen::add);
        seen.forEach(run -> seenRuns.putIfAbsent(run.id(), run));
        Set<String> ended = new HashSet<>(events.ended());
        seenRuns.values().removeIf(run -> {
            if (!run.isActive()) {
                ended.add(run.id());
            }
            return ended.contains(run.id());
        });
        recorder.submit(new CellEvent(cell, changes, seen, ended, session.notebookPath(), classpath,
                liveValues(cell.state(), changes)));
    }

    /**
     * The live values of changed variables that the kernel summarised by type alone and whose toString says more:
     * reading them is cheap, their toString may not be, so the writer renders them.
     */
    private static Map<String, Object> liveValues(JShellState state, StateChanges changes) {
        Map<String, Object> live = new HashMap<>();
        for (VariableRecord variable : changes.variables()) {
            state.value(variable.name()).filter(ValueText::worthRendering)
                    .ifPresent(value -> live.put(variable.name(), value));
        }
        return live;
    }

    @Override
    public void shutdown() {
        if (installedRunEvents == runEvents) {
            installedRunEvents = null;
        }
        if (recorder != null) {
            recorder.close();
            recorder = null;
        }
    }

    /**
     * The process's own stderr (the kernel's log), not {@code System.err}: while a cell runs, the kernel
     * routes {@code System.err} into that cell's output, and a recorder problem is not the cell's.
     */
    private static PrintStream kernelLog() {
        return new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    }
}
