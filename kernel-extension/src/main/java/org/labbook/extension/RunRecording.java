package org.labbook.extension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.labbook.context.capture.CaptureJson;
import org.labbook.context.capture.CodeVersion;
import org.labbook.context.capture.EnvironmentInfo;
import org.labbook.extension.snapshot.BlobRef;
import org.labbook.extension.snapshot.CellRecord;
import org.labbook.extension.snapshot.NotebookScrub;
import org.labbook.extension.snapshot.SessionSnapshot;
import org.labbook.tracking.ArtifactRef;
import org.labbook.tracking.Run;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.Tag;
import org.labbook.tracking.redact.Scrubber;

/**
 * What the recorder attaches to one run: cells as they run, and at the end the whole session. Used only on
 * the writer thread. Writes go to the store directly rather than through the {@link Run} handle, because
 * the session snapshot is attached just after the run ended (in the cell that ended it).
 */
final class RunRecording {

    private final Run run;
    private final RunStore store;
    private final Scrubber scrubber;
    /** How many of the session's cells (counted from the kernel's start) this run has attached. */
    private long cellsAttached;
    /** The session's number of the first cell this run attached; -1 before it attached any. */
    private long firstAttached = -1;
    private boolean finished;

    RunRecording(Run run, RunStore store) {
        this(run, store, Scrubber.standard());
    }

    RunRecording(Run run, RunStore store, Scrubber scrubber) {
        this.run = run;
        this.store = store;
        this.scrubber = scrubber;
    }

    String runId() {
        return run.id();
    }

    boolean finished() {
        return finished;
    }

    /**
     * At the run's first sight, before anything slow: what the session did before it and the notebook file as
     * it is now, so a kernel killed during the captures that follow still leaves both behind.
     */
    void opened(List<CellRecord> cells, long firstKept, Map<String, byte[]> blobs, Optional<Path> notebook) {
        attachNewCells(cells, firstKept, blobs);
        copyNotebook(notebook, RunArtifacts.NOTEBOOK_AT_START);
    }

    /** Then the environment and the code version, which take a while the first time (jar digests, git). */
    void described(EnvironmentInfo environment, Optional<CodeVersion> code, Optional<String> reproduces) {
        putText(RunArtifacts.ENVIRONMENT, CaptureJson.environment(environment));
        List<Tag> tags = new ArrayList<>(List.of(
                new Tag("labbook.java.version", environment.javaVersion()),
                new Tag("labbook.kernel.version", environment.kernelVersion()),
                new Tag("labbook.host", environment.hostName())));
        reproduces.ifPresent(original -> tags.add(new Tag(Reproduction.TAG, original)));
        code.ifPresent(version -> {
            putText(RunArtifacts.CODE_VERSION, CaptureJson.codeVersion(version));
            tags.add(new Tag("labbook.git.commit", version.commit()));
            tags.add(new Tag("labbook.git.branch", version.branch()));
            tags.add(new Tag("labbook.git.dirty", String.valueOf(version.dirty())));
            if (!version.remoteUrl().isEmpty()) {
                tags.add(new Tag("labbook.git.remote", version.remoteUrl()));
            }
        });
        store.setTags(run.id(), tags.stream().filter(tag -> !tag.value().isEmpty()).toList());
    }

    /** How many of the session's cells it has attached; the recorder keeps in memory only cells after these. */
    long cellsAttached() {
        return cellsAttached;
    }

    /**
     * Attaches the cells it has not seen yet, as one artifact, with the images they show. {@code cells} are the
     * session's cells the recorder still holds, the first being the session's cell number {@code firstKept}
     * (counted from 0); cells dropped before this run first saw them are not attached.
     */
    void attachNewCells(List<CellRecord> cells, long firstKept, Map<String, byte[]> blobs) {
        long end = firstKept + cells.size();
        long start = Math.max(cellsAttached, firstKept);
        if (start >= end) {
            return;
        }
        List<CellRecord> fresh = cells.subList((int) (start - firstKept), cells.size());
        if (firstAttached < 0) {
            firstAttached = start;
        }
        for (CellRecord cell : fresh) {
            for (BlobRef ref : cell.blobs()) {
                byte[] bytes = blobs.get(ref.sha256());
                if (bytes != null) {
                    store.putArtifact(run.id(), ref.artifactName(), bytes);
                }
            }
        }
        putText(RunArtifacts.cellsName((int) start + 1), SessionSnapshot.cellLines(fresh));
        cellsAttached = end;
    }

    /** At the run's end: the whole session so far as a notebook and as records, and the notebook file. */
    void finish(SessionSnapshot kept, long firstKept, Map<String, byte[]> blobs, Optional<Path> notebook) {
        attachNewCells(kept.cells(), firstKept, blobs);
        // The recorder drops cells every run has written; a long run's first cells are then read back from the
        // store, where they were attached, so the run's session is whole.
        SessionSnapshot session = firstAttached >= 0 && firstAttached < firstKept
                ? new SessionSnapshot(kept.sessionId(), kept.kernelVersion(), attachedCells()) : kept;
        putText(RunArtifacts.SESSION_NOTEBOOK, session.notebook());
        putText(RunArtifacts.SESSION_RECORDS, session.records());
        store.setTag(run.id(), new Tag("labbook.session.cells", String.valueOf(session.cells().size())));
        copyNotebook(notebook, RunArtifacts.NOTEBOOK_AT_END);
        finished = true;
    }

    private List<CellRecord> attachedCells() {
        List<ArtifactRef> chunks = new ArrayList<>(store.artifacts(run.id()).stream()
                .filter(a -> a.name().startsWith(RunArtifacts.CELL_PREFIX)).toList());
        chunks.sort(Comparator.comparing(ArtifactRef::name));
        List<CellRecord> cells = new ArrayList<>();
        for (ArtifactRef chunk : chunks) {
            cells.addAll(SessionSnapshot.readCellLines(store.readArtifact(chunk)));
        }
        return cells;
    }

    private void copyNotebook(Optional<Path> notebook, String name) {
        if (notebook.isPresent() && Files.isRegularFile(notebook.get())) {
            try {
                byte[] file = Files.readAllBytes(notebook.get());
                // A copy scrubbed like everything else; one that cannot be scrubbed is not copied.
                NotebookScrub.scrub(file, scrubber).ifPresent(bytes -> store.putArtifact(run.id(), name, bytes));
            } catch (IOException e) {
                // The file moved or is unreadable: the session snapshot still holds every cell.
            }
        }
    }

    /**
     * Text artifacts get a last pass for collected secret values: a value collected after a cell was recorded
     * (its variable assigned in a later cell) is removed from that cell too. Text that cannot be scrubbed is
     * stored empty rather than raw.
     */
    private void putText(String name, byte[] utf8) {
        store.putArtifact(run.id(), name, scrubber.valuesInUtf8(utf8));
    }
}
