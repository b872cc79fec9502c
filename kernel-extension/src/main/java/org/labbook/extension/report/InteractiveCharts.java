package org.labbook.extension.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.labbook.extension.view.ChartView;
import org.labbook.extension.view.Html;

/**
 * A report's charts as Vega views over their images. Each chart is a {@code <figure>} holding the PNG (what a
 * reader sees without scripts, in print, in a mail client) and the chart's Vega-Lite spec, the very one the
 * notebook's {@code application/vnd.vegalite.v5+json} output carries: hovering a point shows run, step and value,
 * clicking a legend entry hides that run. The page's last scripts (Vega, Vega-Lite, vega-embed, inlined once)
 * draw each spec and hide its image only once the view is drawn, so a script error leaves the image in place.
 */
final class InteractiveCharts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InteractiveCharts() {
    }

    /** The figure of one chart: a place for the view, the image, and the spec as inert JSON. */
    static String figure(ChartView chart) {
        return "<figure class=\"lb-figure\"><div class=\"lb-view\"></div>" + chart.htmlImage()
                + "<script type=\"application/json\" class=\"lb-spec\">" + specJson(chart.vegaLite())
                + "</script></figure>";
    }

    /**
     * The spec as JSON that cannot end its script element: every {@code <}, {@code >} and {@code &} (only ever
     * inside JSON strings, such as a run's name) is written as a {@code \\u} escape, which JSON.parse reads back.
     */
    static String specJson(Map<String, Object> spec) {
        String json;
        try {
            json = JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A chart's Vega-Lite spec is not JSON: " + e.getOriginalMessage(), e);
        }
        StringBuilder out = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * What a page with charts ends with: a comment naming the libraries, the libraries once each, the script that
     * draws every figure, and the libraries' notices (their licences ask that these travel with the code).
     */
    static String scripts() {
        List<VegaScripts.Library> libraries = VegaScripts.libraries();
        String named = libraries.stream().map(l -> l.name() + " " + l.version() + " (" + l.licence() + ")")
                .collect(Collectors.joining(", "));
        StringBuilder html = new StringBuilder(900 * 1024);
        html.append("\n<!-- Interactive charts: ").append(named)
                .append(", Copyright (c) University of Washington Interactive Data Lab, with the packages they bundle;"
                        + " their notices and licences are at the end of this page. -->\n");
        for (VegaScripts.Library library : libraries) {
            html.append("<script>").append(library.code()).append("</script>\n");
        }
        html.append("<script>").append(EMBED_SCRIPT).append("</script>\n");
        html.append("<details class=\"lb-notices\"><summary>Charts drawn with ").append(Html.escape(named))
                .append(": notices and licences</summary><pre>").append(Html.escape(VegaScripts.notice()))
                .append("</pre></details>\n");
        return html.toString();
    }

    /** Styles of the figures: the image shows until its view is drawn, and again in print. */
    static final String STYLE = """
            .lb-figure{margin:0}.lb-view:empty{display:none}
            @media screen{.lb-figure.lb-interactive>img.lb-chart{display:none}}
            @media print{.lb-figure>.lb-view{display:none}}
            .lb-notices{margin-top:28px;font-size:12px;color:#555}.lb-notices pre{white-space:pre-wrap}
            """;

    /**
     * Draws each figure's spec with vega-embed (SVG, no action menu: it would offer links out of the page) and
     * marks the figure interactive once the view has a size, which hides its image. Any failure keeps the image.
     */
    private static final String EMBED_SCRIPT = """
            (function () {
              if (typeof vegaEmbed !== 'function') {
                return;
              }
              document.querySelectorAll('figure.lb-figure').forEach(function (figure) {
                var image = figure.querySelector('img.lb-chart');
                var view = figure.querySelector('div.lb-view');
                var title = image ? image.alt : '';
                var spec;
                try {
                  spec = JSON.parse(figure.querySelector('script.lb-spec').textContent);
                } catch (error) {
                  console.error('The chart "' + title + '" keeps its image: its spec is not JSON: ' + error);
                  return;
                }
                vegaEmbed(view, spec, { renderer: 'svg', actions: false }).then(function () {
                  var drawn = view.querySelector('svg, canvas');
                  if (drawn && drawn.getBoundingClientRect().width > 0) {
                    figure.classList.add('lb-interactive');
                  }
                }).catch(function (error) {
                  view.textContent = '';
                  console.error('The chart "' + title + '" keeps its image: Vega could not draw it: ' + error);
                });
              });
            })();
            """;
}
