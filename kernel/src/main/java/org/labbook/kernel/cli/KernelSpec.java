package org.labbook.kernel.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.labbook.kernel.protocol.Json;

/**
 * A kernelspec directory: kernel.json and the logos JupyterLab shows in its launcher.
 *
 * @param javaFeature   the feature release of {@code java} (17, 21, 25): some flags exist only on later ones
 * @param sharedArchive the class-data archive made at install ({@link StartupArchive}), or null for none
 */
record KernelSpec(String displayName, Path java, int javaFeature, Path jar, Path sharedArchive) {

    /**
     * Flags for a fast start that do not slow down user code: the serial collector starts quickest and suits
     * one notebook's heap on a laptop, and class-data sharing stays on for the JDK's classes.
     */
    static final List<String> JVM_FLAGS = List.of("-Djava.awt.headless=true", "-XX:+UseSerialGC",
            "-XX:-UsePerfData", "-Xshare:auto");

    /** A kernelspec for the Java running this process. */
    KernelSpec(String displayName, Path java, Path jar) {
        this(displayName, java, Runtime.version().feature(), jar, null);
    }

    KernelSpec(String displayName, Path java, int javaFeature, Path jar) {
        this(displayName, java, javaFeature, jar, null);
    }

    /** The same kernelspec starting from that class-data archive. */
    KernelSpec withSharedArchive(Path archive) {
        return new KernelSpec(displayName, java, javaFeature, jar, archive);
    }

    /**
     * {@link #JVM_FLAGS}, and on newer Javas what keeps the kernel's libraries from printing warnings into every
     * session: SQLite's JDBC driver loads its native library (Java 22+ warns unless native access is enabled),
     * and a library of Tablesaw frees buffers through {@code sun.misc.Unsafe} (Java 24+ warns unless allowed).
     * Each flag is given only to Javas that know it: an unknown flag stops the JVM from starting.
     */
    static List<String> jvmFlags(int javaFeature) {
        List<String> flags = new java.util.ArrayList<>(JVM_FLAGS);
        if (javaFeature >= 22) {
            flags.add("--enable-native-access=ALL-UNNAMED");
        }
        if (javaFeature >= 24) {
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        return List.copyOf(flags);
    }

    ObjectNode kernelJson() {
        ObjectNode json = Json.object();
        ArrayNode argv = json.putArray("argv");
        argv.add(java.toString());
        jvmFlags(javaFeature).forEach(argv::add);
        if (sharedArchive != null) {
            StartupArchive.useFlags(sharedArchive).forEach(argv::add);
        }
        argv.add("-jar").add(jar.toString()).add("kernel").add("--connection-file").add("{connection_file}");
        json.put("display_name", displayName);
        json.put("language", "java");
        json.put("interrupt_mode", "message");
        json.putObject("env");
        json.putObject("metadata").put("debugger", false);
        return json;
    }

    void writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("kernel.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(kernelJson()) + "\n");
        ImageIO.write(logo(32), "png", directory.resolve("logo-32x32.png").toFile());
        ImageIO.write(logo(64), "png", directory.resolve("logo-64x64.png").toFile());
    }

    /** A flask on a page: drawn here so the jar ships no binary assets. */
    static BufferedImage logo(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float s = size / 64f;
        g.setColor(new Color(0xF8, 0x98, 0x20));
        g.fillRoundRect(0, 0, size, size, Math.round(12 * s), Math.round(12 * s));
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(4 * s, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        int[] xs = {Math.round(26 * s), Math.round(26 * s), Math.round(12 * s), Math.round(52 * s),
            Math.round(38 * s), Math.round(38 * s)};
        int[] ys = {Math.round(10 * s), Math.round(28 * s), Math.round(54 * s), Math.round(54 * s),
            Math.round(28 * s), Math.round(10 * s)};
        g.drawPolyline(xs, ys, xs.length);
        g.setColor(new Color(0x53, 0x82, 0xA1));
        g.fillPolygon(new int[]{Math.round(18 * s), Math.round(46 * s), Math.round(50 * s), Math.round(14 * s)},
                new int[]{Math.round(42 * s), Math.round(42 * s), Math.round(51 * s), Math.round(51 * s)}, 4);
        g.dispose();
        return image;
    }
}
