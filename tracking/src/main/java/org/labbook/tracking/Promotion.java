package org.labbook.tracking;

import java.util.Optional;

/**
 * A request to point an alias at a version, with an optional gate:
 *
 * <pre>{@code
 * registry.promote(Promotion.of("fraud-detector", 3, "production")
 *         .when("metrics.val_auc >= 0.92").compareTo("production").note("beats v2 on the holdout"));
 * }</pre>
 *
 * @param condition a run-search filter the version's run must match, or null
 * @param compareTo an alias whose current version the candidate must be at least as good as, on every
 *     metric the condition orders ({@code >} and {@code >=}: higher is better; {@code <}, {@code <=}:
 *     lower is better), or null
 */
public record Promotion(String model, int version, String alias, String condition, String compareTo, String note) {
    public Promotion {
        ModelNames.model(model);
        ModelNames.version(model, version);
        ModelNames.alias(alias);
        if (compareTo != null) {
            ModelNames.alias(compareTo);
        }
    }

    public static Promotion of(String model, int version, String alias) {
        return new Promotion(model, version, alias, null, null, null);
    }

    public Promotion when(String filter) {
        return new Promotion(model, version, alias, filter, compareTo, note);
    }

    public Promotion compareTo(String otherAlias) {
        return new Promotion(model, version, alias, condition, otherAlias, note);
    }

    public Promotion note(String text) {
        return new Promotion(model, version, alias, condition, compareTo, text);
    }

    public Optional<String> gate() {
        return Optional.ofNullable(condition);
    }
}
