package org.labbook.extension;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.labbook.context.capture.CaptureJson;
import org.labbook.context.capture.CodeVersion;
import org.labbook.context.capture.EnvironmentInfo;
import org.labbook.extension.snapshot.BlobRef;
import org.labbook.extension.snapshot.CellRecord;
import org.labbook.extension.snapshot.SessionSnapshot;
import org.labbook.tracking.ArtifactRef;
import org.labbook.tracking.Tracker;

/**
 * The artifacts Labbook attaches to every run, by name, and how to read them back. Content is addressed by
 * its SHA-256 in the store, so a cell or image shared by many runs of one session is stored once.
 */
public final class RunArtifacts {
    public static final String PREFIX = "labbook/";
    /** The session as a notebook, written when the run ends. */
    public static final String SESSION_NOTEBOOK = PREFIX + "session.ipynb";
    /** The session's structured cell records, written when the run ends. */
    public static final String SESSION_RECORDS = PREFIX + "session.json";
    /**
     * Cell records as the session goes, written within a second of each cell: what survives a killed kernel.
     * Each artifact holds the cells attached together (JSON Lines), named by the position of its first cell.
     */
    public static final String CELL_PREFIX = PREFIX + "cells/";
    public static final String ENVIRONMENT = PREFIX + "environment.json";
    public static final String CODE_VERSION = PREFIX + "code-version.json";
    public static final String NOTEBOOK_AT_START = PREFIX + "notebook-at-start.ipynb";
    public static final String NOTEBOOK_AT_END = PREFIX + "notebook-at-end.ipynb";

    private RunArtifacts() {
    }

    /** The name of the cells artifact whose first cell is at {@code position} (1-based), sortable as text. */
    public static String cellsName(int position) {
        String digits = Integer.toString(position);
        return CELL_PREFIX + "0".repeat(Math.max(0, 6 - digits.length())) + digits + ".jsonl";
    }

    /**
     * The run's session: the records written at its end, else (for a run still active or whose kernel was
     * killed) the cells attached so far.
     */
    public static Optional<SessionSnapshot> session(Tracker tracker, String runId) {
        List<ArtifactRef> artifacts = tracker.artifacts(runId);
        Optional<ArtifactRef> records = find(artifacts, SESSION_RECORDS);
        if (records.isPresent()) {
            return Optional.of(SessionSnapshot.readRecords(tracker.readArtifact(records.get())));
        }
        List<ArtifactRef> cells = new ArrayList<>(artifacts.stream().filter(a -> a.name().startsWith(CELL_PREFIX)).toList());
        if (cells.isEmpty()) {
            return Optional.empty();
        }
        cells.sort(Comparator.comparing(ArtifactRef::name));
        List<CellRecord> recorded = new ArrayList<>();
        for (ArtifactRef cell : cells) {
            recorded.addAll(SessionSnapshot.readCellLines(tracker.readArtifact(cell)));
        }
        return Optional.of(new SessionSnapshot("", "", recorded));
    }

    public static Optional<EnvironmentInfo> environment(Tracker tracker, String runId) {
        return find(tracker.artifacts(runId), ENVIRONMENT).map(a -> CaptureJson.environment(tracker.readArtifact(a)));
    }

    public static Optional<CodeVersion> codeVersion(Tracker tracker, String runId) {
        return find(tracker.artifacts(runId), CODE_VERSION).map(a -> CaptureJson.codeVersion(tracker.readArtifact(a)));
    }

    /** The bytes of a blob attached to the run, if it is. */
    public static Optional<byte[]> blob(Tracker tracker, String runId, BlobRef ref) {
        return find(tracker.artifacts(runId), ref.artifactName()).map(tracker::readArtifact);
    }

    static Optional<ArtifactRef> find(List<ArtifactRef> artifacts, String name) {
        // The latest with that name, should a store keep several.
        ArtifactRef found = null;
        for (ArtifactRef artifact : artifacts) {
            if (artifact.name().equals(name)) {
                found = artifact;
            }
        }
        return Optional.ofNullable(found);
    }
}
