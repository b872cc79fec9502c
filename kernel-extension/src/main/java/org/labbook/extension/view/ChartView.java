package org.labbook.extension.view;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.api.MimeBundleProvider;

/**
 * A drawn chart: the XChart chart behind the images, the Vega-Lite spec for interactive front ends, and a
 * line of text for front ends that show neither. Shows itself with the formats it was asked for.
 */
public final class ChartView implements MimeBundleProvider {
    private final String title;
    private final Chart<?, ?> chart;
    private final Map<String, Object> vegaLite;
    private final String description;
    private final Set<ChartFormat> formats;

    ChartView(String title, Chart<?, ?> chart, Map<String, Object> vegaLite, String description,
              Set<ChartFormat> formats) {
        this.title = Objects.requireNonNull(title, "title");
        this.chart = Objects.requireNonNull(chart, "chart");
        this.vegaLite = Objects.requireNonNull(vegaLite, "vegaLite");
        this.description = Objects.requireNonNull(description, "description");
        this.formats = Set.copyOf(formats);
    }

    public String title() {
        return title;
    }

    /** The XChart chart, e.g. to save it to a file with XChart's encoders. */
    public Chart<?, ?> xchart() {
        return chart;
    }

    /** The Vega-Lite v5 spec as a JSON tree of maps, lists, strings and numbers, with its data inline. */
    public Map<String, Object> vegaLite() {
        return vegaLite;
    }

    /** What the text/plain representation says: title and what was drawn. */
    public String description() {
        return description;
    }

    /** The chart as PNG bytes. Charts are not thread-safe: draw one chart from one thread at a time. */
    public synchronized byte[] png() {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode the chart '" + title + "' as PNG", e);
        }
    }

    /** The chart as an SVG document. */
    public synchronized String svg() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode the chart '" + title + "' as SVG", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** An {@code <img>} element with the PNG inline, for HTML that must not depend on any script. */
    public String htmlImage() {
        return "<img class=\"lb-chart\" alt=\"" + Html.escape(title) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png()) + "\"/>";
    }

    @Override
    public MimeBundle toMimeBundle() {
        Map<String, Object> data = new LinkedHashMap<>();
        if (formats.contains(ChartFormat.VEGA_LITE)) {
            data.put(ChartFormat.VEGA_LITE.mimeType(), vegaLite);
        }
        if (formats.contains(ChartFormat.SVG)) {
            data.put(ChartFormat.SVG.mimeType(), svg());
        }
        if (formats.contains(ChartFormat.PNG)) {
            data.put(ChartFormat.PNG.mimeType(), Base64.getEncoder().encodeToString(png()));
        }
        data.put("text/plain", description);
        return new MimeBundle(data, Map.of());
    }

    @Override
    public String toString() {
        return description;
    }
}
