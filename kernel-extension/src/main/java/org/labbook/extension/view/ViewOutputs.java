package org.labbook.extension.view;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.labbook.magics.ResultOutputs;
import org.labbook.magics.RunComparison;

/**
 * {@code %track compare} as several outputs: the table first, then each chart as an output of its own with
 * PNG and SVG (every front end draws one of them, and nbconvert keeps them) and the Vega-Lite spec, which
 * JupyterLab prefers and draws interactively: hovering a point shows run, step and value, clicking a legend
 * entry hides that run. One HTML block could carry only images, so JupyterLab would never pick the spec.
 */
public final class ViewOutputs implements ResultOutputs {
    /** Every format: front ends choose the richest they know. */
    static final ChartOptions CHARTS = ChartOptions.defaults().withFormats(EnumSet.allOf(ChartFormat.class));

    @Override
    public List<Object> split(Object result) {
        if (!(result instanceof RunComparison comparison)) {
            return List.of();
        }
        ComparisonView view = ComparisonView.of(comparison, CHARTS);
        List<Object> outputs = new ArrayList<>();
        // The table's text is the comparison's own, with each curve summed up, for front ends without HTML.
        outputs.add(new HtmlView(view.tableView().html(), comparison.text()));
        outputs.addAll(view.charts());
        return outputs;
    }
}
