package org.labbook.extension.view;

import org.labbook.kernel.api.CellEnd;
import org.labbook.kernel.api.ExtensionContext;
import org.labbook.kernel.api.KernelExtension;
import org.labbook.magics.BestRun;
import org.labbook.magics.RunComparison;
import org.labbook.magics.RunReport;
import org.labbook.magics.RunTable;

/**
 * Draws experiment results inline: tables for {@code %track runs | best | show}, tables and charts for
 * {@code %track compare}, and live charts that draw their last frame when their cell ends.
 */
public final class ViewExtension implements KernelExtension {
    private LiveCharts liveCharts;

    @Override
    public String name() {
        return "labbook-views";
    }

    @Override
    public void register(ExtensionContext context) {
        context.renderer(RunTable.class, table -> Views.runs(table).toMimeBundle());
        context.renderer(RunComparison.class, comparison -> Views.compare(comparison).toMimeBundle());
        context.renderer(BestRun.class, best -> Views.best(best).toMimeBundle());
        context.renderer(RunReport.class, report -> Views.show(report).toMimeBundle());
        liveCharts = LiveCharts.forSession(context.session());
        LiveCharts.install(liveCharts);
        context.startupSnippet("import org.labbook.extension.view.LiveChart;");
        context.startupSnippet("import org.labbook.extension.view.ComparisonView;");
        context.startupSnippet("import org.labbook.extension.view.Views;");
    }

    @Override
    public void afterCell(CellEnd cell) {
        // Also after a failed or interrupted cell: the curves up to the failure are what the user needs.
        if (liveCharts != null) {
            liveCharts.finishAll();
        }
    }

    @Override
    public void shutdown() {
        if (liveCharts != null) {
            LiveCharts.uninstall(liveCharts);
            liveCharts.close();
            liveCharts = null;
        }
    }
}
