package org.labbook.extension.view;

import java.util.Locale;
import java.util.Map;

/** Whether a lower or a higher value of a metric is better; decides which value a table marks as best. */
public enum MetricDirection {
    MINIMIZE, MAXIMIZE;

    // Matched against the words of a key, so "val_loss" and "train/mse" are minimised; a key the guess
    // gets wrong is set explicitly by the user.
    private static final java.util.Set<String> LOWER_IS_BETTER_WORDS =
            java.util.Set.of("loss", "error", "err", "mse", "mae", "rmse", "perplexity", "ppl");

    /**
     * The direction of {@code key}: an explicit entry in {@code overrides} wins; otherwise keys containing
     * loss, error, err, mse, mae or rmse (as a word, or as a prefix or suffix of the key) are minimised and
     * everything else (accuracy, f1, auc, reward...) is maximised.
     */
    public static MetricDirection of(String key, Map<String, MetricDirection> overrides) {
        MetricDirection explicit = overrides.get(key);
        return explicit != null ? explicit : guess(key);
    }

    /** The guess of {@link #of} without overrides. */
    public static MetricDirection guess(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (String word : lower.split("[^a-z0-9]+")) {
            if (LOWER_IS_BETTER_WORDS.contains(word)) {
                return MINIMIZE;
            }
        }
        // Keys written in camel case or glued together: "valLoss", "trainloss".
        if (lower.contains("loss") || lower.endsWith("error") || lower.endsWith("mse") || lower.endsWith("mae")) {
            return MINIMIZE;
        }
        return MAXIMIZE;
    }

    /** Parses "min"/"minimize" or "max"/"maximize", case-insensitively. */
    public static MetricDirection parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "min", "minimize", "minimise", "lower" -> MINIMIZE;
            case "max", "maximize", "maximise", "higher" -> MAXIMIZE;
            default -> throw new IllegalArgumentException("Invalid metric direction '" + text
                    + "'. Use min or max.");
        };
    }

    /** True when {@code candidate} is strictly better than {@code current}; NaN is never better. */
    public boolean isBetter(double candidate, double current) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        if (Double.isNaN(current)) {
            return true;
        }
        return this == MINIMIZE ? candidate < current : candidate > current;
    }
}
