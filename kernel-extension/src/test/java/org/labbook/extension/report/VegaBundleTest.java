package org.labbook.extension.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chart libraries committed as resources are the ones the browser checks install from npm, and their notice
 * travels with them: refresh both with scripts/update-vega.sh whenever notebooks/checks/vega/package-lock.json moves.
 */
class VegaBundleTest {
    private static final Path LOCK = Path.of("../notebooks/checks/vega/package-lock.json");
    private static final String REFRESH = "; run scripts/update-vega.sh and commit the builds with the lock";

    @Test
    void eachCommittedBuildIsTheVersionPinnedInThePackageLock() throws Exception {
        JsonNode packages = new ObjectMapper().readTree(LOCK.toFile()).path("packages");
        for (VegaScripts.Library library : VegaScripts.libraries()) {
            String pinned = packages.path("node_modules/" + library.name()).path("version").asText();
            assertThat(pinned).as("%s in %s", library.name(), LOCK).matches("\\d+\\.\\d+\\.\\d+.*");

            assertThat(library.version()).as("the banner of %s.min.js" + REFRESH, library.name()).isEqualTo(pinned);
            assertThat(versionInCode(library.code()))
                    .as("the version %s.min.js reports at run time" + REFRESH, library.name()).isEqualTo(pinned);
        }
    }

    @Test
    void buildsComeInLoadOrderAndCanSitInsideAScriptElement() {
        assertThat(VegaScripts.libraries()).extracting(VegaScripts.Library::name)
                .containsExactly("vega", "vega-lite", "vega-embed");
        for (VegaScripts.Library library : VegaScripts.libraries()) {
            assertThat(library.licence()).isEqualTo("BSD-3-Clause");
            assertThat(library.code().toLowerCase(Locale.ROOT)).doesNotContain("</script", "<!--", "sourcemappingurl");
            assertThat(library.code().length()).as(library.name()).isGreaterThan(50_000);
        }
    }

    @Test
    void noticeListsTheThreeLibrariesTheirBundledPackagesAndEachLicenceInFull() {
        String notice = VegaScripts.notice();
        for (VegaScripts.Library library : VegaScripts.libraries()) {
            assertThat(notice).as("the notice of " + library.name() + REFRESH)
                    .containsPattern("(?m)^" + Pattern.quote(library.name()) + " +" + Pattern.quote(library.version())
                            + " +BSD-3-Clause +\\S+ +Copyright ");
        }
        // What the builds bundle, under the three licences they come with.
        assertThat(notice).containsPattern("(?m)^d3-scale +\\S+ +ISC ")
                .containsPattern("(?m)^vega-tooltip +\\S+ +BSD-3-Clause ")
                .containsPattern("(?m)^fast-json-patch +\\S+ +MIT ")
                .contains("Redistribution and use in source and binary forms, with or without")
                .contains("Permission to use, copy, modify, and/or distribute this software for any purpose")
                .contains("Permission is hereby granted, free of charge, to any person obtaining a copy");
    }

    /**
     * The version string the build exports as {@code version}: {@code t.version="5.30.0"} directly, or through
     * the minifier's names ({@code e.version=Fp} … {@code const Fp=n} … {@code var n="5.21.0"}).
     */
    static String versionInCode(String code) {
        Matcher exported = Pattern.compile("[\\w$]\\.version=(\"[^\"]*\"|[\\w$]+)").matcher(code);
        String value = null;
        while (exported.find()) {
            value = exported.group(1);   // the module's exports come last
        }
        for (int hop = 0; value != null && !value.startsWith("\"") && hop < 5; hop++) {
            Matcher declared = Pattern.compile("(?:var |let |const |,)" + Pattern.quote(value)
                    + "=(\"[^\"]*\"|[\\w$]+)[,;]").matcher(code);
            value = declared.find() ? declared.group(1) : null;
        }
        return value == null ? null : value.substring(1, value.length() - 1);
    }
}
