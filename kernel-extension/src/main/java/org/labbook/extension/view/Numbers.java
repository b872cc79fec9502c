package org.labbook.extension.view;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;

/** How tables write numbers: compact, aligned, and honest about NaN and the infinities. */
final class Numbers {
    /** Enough to tell 0.9134 from 0.9137 without printing float noise. */
    static final int SIGNIFICANT_DIGITS = 4;

    private Numbers() {
    }

    /**
     * A double for a table cell: integers get thousand separators ({@code 12,000}), others four significant
     * digits ({@code 0.0001235}, {@code 3.142}), very large or small magnitudes scientific ({@code 1.235e-07}).
     */
    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e6 || magnitude < 1e-4) {
            return String.format(Locale.ROOT, "%." + (SIGNIFICANT_DIGITS - 1) + "e", value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(SIGNIFICANT_DIGITS));
        String text = rounded.stripTrailingZeros().toPlainString();
        return insertThousandSeparators(text);
    }

    static String formatInteger(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** True when a param value reads as a number, so its column is right-aligned. */
    static boolean isNumeric(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        try {
            Double.parseDouble(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A parsed number, or NaN for text that is not one. */
    static double parseOrNaN(String text) {
        if (text == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** {@code 850ms}, {@code 42s}, {@code 3m 05s}, {@code 2h 10m}, {@code 3d 4h}. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%dd %dh", seconds / 86_400, (seconds % 86_400) / 3600);
    }

    private static String insertThousandSeparators(String plain) {
        int dot = plain.indexOf('.');
        String integerPart = dot < 0 ? plain : plain.substring(0, dot);
        String rest = dot < 0 ? "" : plain.substring(dot);
        boolean negative = integerPart.startsWith("-");
        String digits = negative ? integerPart.substring(1) : integerPart;
        if (digits.length() <= 3) {
            return plain;
        }
        StringBuilder out = new StringBuilder();
        int lead = digits.length() % 3;
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (i - lead) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        return (negative ? "-" : "") + out + rest;
    }
}
