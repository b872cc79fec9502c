package org.labbook.extension;

import java.util.Optional;
import org.labbook.extension.snapshot.StateChanges;
import org.labbook.kernel.api.CellEnd;
import org.labbook.tracking.Run;

/**
 * What the cell's thread hands to the writer: the cell as the kernel reported it, what it changed in the
 * JShell state, the runs started in it or active after it (in start order), the runs that ended by then, and the notebook file's path and the
 * classpath at that moment, and the live values of changed variables whose text the writer renders off the
 * cell's path. Whether a run ended is decided here, on the cell's thread: by the time the writer
 * gets to the event, a later cell may already have ended a run that was active after this one.
 */
record CellEvent(CellEnd end, StateChanges changes, java.util.List<Run> runs, java.util.Set<String> endedRuns,
                 Optional<java.nio.file.Path> notebook, java.util.List<org.labbook.kernel.api.ClasspathEntry> classpath,
                 java.util.Map<String, Object> liveValues) {
}
