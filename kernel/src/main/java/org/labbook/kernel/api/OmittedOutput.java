package org.labbook.kernel.api;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the kernel marks what it left out of a cell's output as kept for {@link CellEnd}. A running cell keeps a
 * bounded head and tail of each stream and of its displays, so a cell printing for hours cannot fill the heap; what
 * is sent to the front end is never cut. Extensions that cut further use these to report the true amounts.
 */
public final class OmittedOutput {
    private static final String DISPLAYS_KEY = "labbook/omitted_displays";
    private static final Pattern TEXT_MARKER =
            Pattern.compile("\n\\[\\.\\.\\. (\\d{1,18}) characters left out by the kernel \\.\\.\\.]\n");

    private OmittedOutput() {
    }

    /** The line that stands for {@code characters} left out of a stream. */
    public static String textMarker(long characters) {
        return "\n[... " + characters + " characters left out by the kernel ...]\n";
    }

    /** Characters the kernel's markers in {@code text} stand for, less the markers' own length. */
    public static long charactersBehindMarkers(CharSequence text) {
        long hidden = 0;
        Matcher marker = TEXT_MARKER.matcher(text);
        while (marker.find()) {
            hidden += Long.parseLong(marker.group(1)) - (marker.end() - marker.start());
        }
        return hidden;
    }

    /** The display that stands for {@code count} displays left out. */
    public static MimeBundle displaysNote(int count) {
        return new MimeBundle(Map.of("text/plain", "[... " + count + " displays left out by the kernel ...]"),
                Map.of(DISPLAYS_KEY, count));
    }

    /** How many displays {@code bundle} stands for: the count of a kernel's note, else 1. */
    public static int displaysBehind(MimeBundle bundle) {
        return bundle.metadata().get(DISPLAYS_KEY) instanceof Integer count ? count : 1;
    }
}
