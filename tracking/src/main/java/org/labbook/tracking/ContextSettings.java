package org.labbook.tracking;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the run context settings from their environment variables. */
final class ContextSettings {
    static final String DISABLE_VARIABLE = "LABBOOK_CONTEXT_DISABLE";
    static final String INTERVAL_VARIABLE = "LABBOOK_SYSTEM_METRICS_INTERVAL";
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** Below this, sampling would cost more than the run it watches. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    private ContextSettings() {
    }

    /** {@code "git, ci"} → {git, ci}; null or blank → none. */
    static Set<String> disabledFrom(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(","))
                .map(name -> name.strip().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Seconds as a decimal number, or {@code off}; null or blank → the default. */
    static Duration intervalFrom(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_INTERVAL;
        }
        String text = value.strip();
        if (text.equalsIgnoreCase("off") || text.equals("0")) {
            return Duration.ZERO;
        }
        try {
            double seconds = Double.parseDouble(text);
            Duration interval = Duration.ofNanos(Math.round(seconds * 1e9));
            if (!Double.isFinite(seconds) || interval.compareTo(MIN_INTERVAL) < 0) {
                throw new NumberFormatException();
            }
            return interval;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ValidationException("Invalid " + INTERVAL_VARIABLE + " '" + text.substring(0, Math.min(40, text.length()))
                    + "': it must be a number of seconds of at least 0.1, or 'off'. Set it to e.g. 10, or unset it.");
        }
    }
}
