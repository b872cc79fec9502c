package org.labbook.extension.view;

import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** The one look all of Labbook's charts share, so images from different cells compare at a glance. */
final class ChartStyle {
    /** Above this many curves a legend would be taller than the chart; the interactive view names them. */
    static final int MAX_LEGEND_ENTRIES = 20;

    /** Ten colours that stay apart from each other for common colour-vision deficiencies (Tableau 10). */
    static final Color[] PALETTE = {
        new Color(0x4e79a7), new Color(0xf28e2b), new Color(0xe15759), new Color(0x76b7b2), new Color(0x59a14f),
        new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7), new Color(0x9c755f), new Color(0xbab0ac)};

    private ChartStyle() {
    }

    static void apply(AxesChartStyler styler, int seriesCount) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesColor(new Color(0xe5e5e5));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLegendBorderColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendVisible(seriesCount > 0 && seriesCount <= MAX_LEGEND_ENTRIES);
        styler.setSeriesColors(PALETTE);
        styler.setAntiAlias(true);
    }

    /** A colour from blue (low) to red (high) for a value in [0, 1]; grey for NaN. */
    static Color ramp(double t) {
        if (Double.isNaN(t)) {
            return new Color(0xaaaaaa);
        }
        double x = Math.max(0, Math.min(1, t));
        int r = (int) Math.round(0x3b + x * (0xd6 - 0x3b));
        int g = (int) Math.round(0x6e + x * (0x27 - 0x6e));
        int b = (int) Math.round(0xc4 + x * (0x28 - 0xc4));
        return new Color(r, g, b);
    }
}
