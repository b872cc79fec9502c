package org.labbook.magics.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers, times and ids look in text output. */
public final class Formats {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    private Formats() {
    }

    /** Six significant digits, no trailing zeros, scientific only for very small or large values. */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        double abs = Math.abs(value);
        String text = abs >= 1e-4 && abs < 1e9
                ? new java.math.BigDecimal(value).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString()
                : String.format(Locale.ROOT, "%.5e", value).replaceAll("\\.?0+e", "e");
        return text;
    }

    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** "1h 02m", "3m 05s", "12.3s"; empty while unknown. */
    public static String duration(Instant start, Instant end) {
        if (start == null || end == null) {
            return "";
        }
        Duration d = Duration.between(start, end);
        if (d.toHours() > 0) {
            return String.format(Locale.ROOT, "%dh %02dm", d.toHours(), d.toMinutesPart());
        }
        if (d.toMinutes() > 0) {
            return String.format(Locale.ROOT, "%dm %02ds", d.toMinutes(), d.toSecondsPart());
        }
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    /** The first 8 characters of a run id: enough to tell runs apart and to type as a prefix. */
    public static String shortId(String id) {
        return id.length() <= 8 ? id : id.substring(0, 8);
    }
}
