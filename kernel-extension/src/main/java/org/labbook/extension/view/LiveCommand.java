package org.labbook.extension.view;

import java.util.List;
import org.labbook.kernel.api.KernelSession;
import org.labbook.kernel.api.UserError;
import org.labbook.magics.Track;
import org.labbook.magics.TrackSubcommand;
import org.labbook.magics.grammar.TrackCommand;

/**
 * {@code %track live METRIC...} (and {@code Track.live(...)}): a live chart in the running cell fed by the
 * points the cell logs with {@code Track.metric}, so the loop needs no chart calls of its own. It stops
 * listening and draws its final frame when the cell ends.
 */
public final class LiveCommand implements TrackSubcommand {
    static final String ENAME = "TrackUsageError";

    @Override
    public String name() {
        return "live";
    }

    @Override
    public Object run(TrackCommand command, KernelSession session) throws Exception {
        List<String> metrics = ((TrackCommand.Live) command).metrics();
        if (metrics.isEmpty()) {
            throw new UserError(ENAME, "%track live needs at least one metric to draw. Usage: %track live METRIC...");
        }
        LiveCharts charts = LiveCharts.current();
        LiveChart chart = charts.open(metrics);
        // Each chart keeps only the metrics it was opened with; others are ignored by record().
        charts.closeAtCellEnd(Track.listen((runId, key, step, time, value) -> chart.record(key, step, value)));
        return null;
    }
}
