package org.labbook.extension.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chart libraries a report inlines: the minified builds of Vega, Vega-Lite and vega-embed, committed as
 * resources beside this class ({@code vega/}) by {@code scripts/update-vega.sh} from the versions pinned in
 * {@code notebooks/checks/vega/package-lock.json}, with their licences in {@code vega/THIRD-PARTY-NOTICES.txt}.
 * Read once per JVM, on the first report that has a chart: about 820 KB of text.
 */
final class VegaScripts {
    /** Where the builds sit, relative to this class's package. */
    static final String FOLDER = "vega/";
    static final String NOTICE = FOLDER + "THIRD-PARTY-NOTICES.txt";
    /** In the order a page must load them: Vega-Lite needs Vega, vega-embed needs both. */
    static final List<String> NAMES = List.of("vega", "vega-lite", "vega-embed");

    /** The first line of each build, written by the update script: "/*! vega 5.30.0 | BSD-3-Clause | …". */
    private static final Pattern BANNER = Pattern.compile("\\A/\\*! ([a-z-]+) (\\S+) \\| (\\S+) \\|[^\\n]*\\*/\\n");

    /** One library's build: its npm name, the version its banner names, its licence and the code itself. */
    record Library(String name, String version, String licence, String code) {
    }

    private VegaScripts() {
    }

    /** The three builds in load order; read on first use, then kept for the life of the JVM. */
    static List<Library> libraries() {
        return Loaded.LIBRARIES;
    }

    /** The notice of every package bundled in the builds and the full text of each licence. */
    static String notice() {
        return Loaded.NOTICE_TEXT;
    }

    /** The holder idiom: the class loader reads the builds once, when a report first asks for them. */
    private static final class Loaded {
        static final List<Library> LIBRARIES = NAMES.stream().map(VegaScripts::load).toList();
        static final String NOTICE_TEXT = read(NOTICE);
    }

    static Library load(String name) {
        String resource = FOLDER + name + ".min.js";
        String code = read(resource);
        Matcher banner = BANNER.matcher(code);
        if (!banner.find() || !banner.group(1).equals(name)) {
            throw new IllegalStateException(resource + " lacks the banner scripts/update-vega.sh writes;"
                    + " run that script to refresh the builds");
        }
        // Inline, the code ends the script element at its first "</script": the update script refuses such builds.
        if (code.toLowerCase(Locale.ROOT).contains("</script") || code.contains("<!--")) {
            throw new IllegalStateException(resource + " holds \"</script\" or \"<!--\" and cannot be inlined");
        }
        return new Library(name, banner.group(2), banner.group(3), code);
    }

    private static String read(String resource) {
        try (InputStream in = VegaScripts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The chart library " + resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the chart library " + resource, e);
        }
    }
}
