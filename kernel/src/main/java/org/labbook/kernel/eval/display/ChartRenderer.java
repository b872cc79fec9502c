package org.labbook.kernel.eval.display;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.labbook.kernel.api.MimeBundle;

/** XChart charts as image/png (what notebooks show) and image/svg+xml (what scales when exported). */
final class ChartRenderer {
    private ChartRenderer() {
    }

    static MimeBundle render(Chart<?, ?> chart) throws IOException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("image/png", ImageRenderer.png(BitmapEncoder.getBufferedImage(chart)));
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        data.put("image/svg+xml", svg.toString(StandardCharsets.UTF_8));
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "" : " \"" + chart.getTitle() + "\"";
        data.put("text/plain", chart.getClass().getSimpleName() + title + " " + chart.getWidth() + "x" + chart.getHeight());
        return MimeBundle.of(data);
    }
}
