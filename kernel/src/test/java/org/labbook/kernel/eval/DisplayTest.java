package org.labbook.kernel.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.eval.display.DisplayRegistry;
import org.w3c.dom.Document;

class DisplayTest {
    private static Cells cells;
    private final DisplayRegistry registry = DisplayRegistry.withBuiltIns();

    @BeforeAll
    static void start() {
        cells = new Cells(JShellEvaluator.create());
    }

    @AfterAll
    static void stop() {
        cells.evaluator().close();
    }

    /** Duck-typed: no kernel interface, just a public toMimeBundle(). */
    public static final class Ducked {
        public Map<String, Object> toMimeBundle() {
            return Map.of("text/markdown", "**bold**");
        }
    }

    interface Shape {
    }

    static class Square implements Shape {
    }

    @Test
    void displayInACellPublishesDisplayDataWithAnIdAndUpdateRedrawsIt() {
        var ran = cells.run("String id = display(\"first\");\nupdateDisplay(id, \"second\");\nid").ok();
        var displays = ran.output().displays();
        assertThat(displays).hasSize(2);
        assertThat(displays.get(0).kind()).isEqualTo("display_data");
        assertThat(displays.get(0).bundle().plainText()).isEqualTo("first");
        assertThat(displays.get(1).kind()).isEqualTo("update_display_data");
        assertThat(displays.get(1).bundle().plainText()).isEqualTo("second");
        assertThat(displays.get(1).displayId()).isEqualTo(displays.get(0).displayId()).isEqualTo(ran.plain());
    }

    @Test
    void clearOutputFromACellReachesTheFrontEnd() {
        var ran = cells.run("System.out.println(\"old\");\nclearOutput(true);\nSystem.out.println(\"new\");").ok();
        assertThat(ran.output().messages()).extracting(m -> m.kind() + ":" + (m.text() == null ? "" : m.text().strip()))
                .containsExactly("stream:old", "clear_output:", "stream:new");
    }

    @Test
    void threadsStartedByACellDisplayIntoTheirSession() {
        var ran = cells.run("Thread t = new Thread(() -> display(\"from a thread\"));\nt.start();\nt.join();").ok();
        assertThat(ran.output().displays()).extracting(m -> m.bundle().plainText()).containsExactly("from a thread");
    }

    @Test
    void displayWithMimeTypesKeepsOnlyThose() {
        var ran = cells.run("var t = tech.tablesaw.api.Table.create(\"t\", tech.tablesaw.api.IntColumn.create(\"n\", 1, 2));\n"
                + "display(t, \"text/html\");").ok();
        assertThat(ran.output().displays().get(0).bundle().data()).containsOnlyKeys("text/html");
    }

    @Test
    void bufferedImageBecomesADecodablePng() throws Exception {
        BufferedImage image = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        MimeBundle bundle = registry.render(image);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) bundle.data().get("image/png"))));
        assertThat(decoded.getWidth()).isEqualTo(7);
        assertThat(decoded.getHeight()).isEqualTo(5);
    }

    @Test
    void xchartBecomesPngAndParsableSvg() throws Exception {
        var ran = cells.run("var chart = org.knowm.xchart.QuickChart.getChart(\"Loss\", \"step\", \"loss\", \"train\", "
                + "new double[] {1, 2, 3}, new double[] {3, 2, 1});\nchart").ok();
        Map<String, Object> data = ran.result().value().orElseThrow().data();
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) data.get("image/png"))));
        assertThat(png.getWidth()).isPositive();
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document svg = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                ((String) data.get("image/svg+xml")).getBytes(StandardCharsets.UTF_8)));
        assertThat(svg.getDocumentElement().getNodeName()).isEqualTo("svg");
    }

    @Test
    void tablesawTableIsEscapedHtmlAndText() {
        var ran = cells.run("tech.tablesaw.api.Table.create(\"runs\", "
                + "tech.tablesaw.api.StringColumn.create(\"name\", \"<script>alert(1)</script>\", \"ok\"))").ok();
        Map<String, Object> data = ran.result().value().orElseThrow().data();
        assertThat((String) data.get("text/html")).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
        assertThat((String) data.get("text/plain")).contains("name");
    }

    @Test
    void largeTablesShowTheFirstRowsWithANote() {
        var ran = cells.run("tech.tablesaw.api.Table.create(\"big\", tech.tablesaw.api.IntColumn.create(\"n\", "
                + "java.util.stream.IntStream.range(0, 500).toArray()))").ok();
        String html = (String) ran.result().value().orElseThrow().data().get("text/html");
        assertThat(html).contains("50 of 500 rows shown");
        assertThat(html.split("<tr>", -1)).hasSize(52);
    }

    @Test
    void objectsThatOfferAMimeBundleAreShownThatWay() {
        assertThat(registry.render(new Ducked()).data()).containsEntry("text/markdown", "**bold**").containsKey("text/plain");
        MimeBundle own = MimeBundle.of(Map.of("text/html", "<i>x</i>"));
        org.labbook.kernel.api.MimeBundleProvider provider = () -> own;
        assertThat(registry.render(provider)).isEqualTo(own);
    }

    @Test
    void mostSpecificRegisteredRendererWins() {
        registry.register(Object.class, o -> MimeBundle.text("object"));
        registry.register(Shape.class, o -> MimeBundle.text("shape"));
        assertThat(registry.render(new Square()).plainText()).isEqualTo("shape");
        registry.register(Square.class, o -> MimeBundle.text("square"));
        assertThat(registry.render(new Square()).plainText()).isEqualTo("square");
        assertThat(registry.render("text").plainText()).isEqualTo("object");
    }

    @Test
    void plainTextPrintsArraysAndCapsHugeValues() {
        assertThat(registry.render(new String[][] {{"a"}, {"b"}}).plainText()).isEqualTo("[[a], [b]]");
        assertThat(registry.render(new double[] {1.5, 2}).plainText()).isEqualTo("[1.5, 2.0]");
        assertThat(registry.render("x".repeat(50_000)).plainText()).hasSizeLessThan(21_000).endsWith("more characters)");
    }

    @Test
    void failingRendererFallsBackToText() {
        registry.register(Square.class, o -> {
            throw new IllegalStateException("broken renderer");
        });
        assertThat(registry.render(new Square()).plainText()).contains("rendering failed").contains("broken renderer");
    }
}
