package org.labbook.tracking.query;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a filter clause or an order-by looks at: a metric, param, tag, attribute or dataset field of a
 * run.
 *
 * <p>Invariants, checked here so that an operand built in code is as sound as a parsed one:
 * <ul>
 *   <li>metric, param and tag keys are not blank and at most {@value #MAX_KEY_LENGTH} characters;
 *   <li>an attribute key is the canonical {@link Attribute#key()} ({@code status}, never
 *       {@code attributes.status} or an alias such as {@code created});
 *   <li>a dataset key is one of {@link #DATASET_KEYS};
 *   <li>only metrics take an aggregate other than {@link Aggregate#LATEST}.
 * </ul>
 *
 * @param aggregate for a metric, which of its values a clause compares: the latest point (by step,
 *     then timestamp), the smallest or the largest; always {@link Aggregate#LATEST} for other kinds
 */
public record Operand(Kind kind, String key, Aggregate aggregate) {

    /** Same limit as the store puts on keys, so a longer key can never match anything. */
    public static final int MAX_KEY_LENGTH = 250;

    /**
     * Fields of a run's dataset inputs a filter can test: {@code name}, {@code digest} (the SHA-256,
     * also accepted as {@code sha256}) and {@code location} (also {@code path} or {@code uri}). A clause
     * on a dataset field matches a run when any of its datasets matches.
     */
    public static final List<String> DATASET_KEYS = List.of("name", "digest", "location");

    public enum Kind { METRIC, PARAM, TAG, ATTRIBUTE, DATASET }

    public enum Aggregate { LATEST, MIN, MAX }

    public Operand {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(aggregate, "aggregate");
        String problem = problem(kind, key, aggregate);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    public static Operand metric(String key) {
        return new Operand(Kind.METRIC, key, Aggregate.LATEST);
    }

    /** The smallest value ever logged for a metric, e.g. the best validation loss. */
    public static Operand minOf(String metricKey) {
        return new Operand(Kind.METRIC, metricKey, Aggregate.MIN);
    }

    /** The largest value ever logged for a metric, e.g. the best accuracy. */
    public static Operand maxOf(String metricKey) {
        return new Operand(Kind.METRIC, metricKey, Aggregate.MAX);
    }

    public static Operand param(String key) {
        return new Operand(Kind.PARAM, key, Aggregate.LATEST);
    }

    public static Operand tag(String key) {
        return new Operand(Kind.TAG, key, Aggregate.LATEST);
    }

    public static Operand attribute(Attribute attribute) {
        return new Operand(Kind.ATTRIBUTE, attribute.key(), Aggregate.LATEST);
    }

    /** A dataset field; {@code field} is one of {@link #DATASET_KEYS}. */
    public static Operand dataset(String field) {
        return new Operand(Kind.DATASET, field, Aggregate.LATEST);
    }

    /** The attribute this operand names, or empty when it is not an attribute. */
    public Optional<Attribute> asAttribute() {
        return kind == Kind.ATTRIBUTE ? Attribute.ofKey(key) : Optional.empty();
    }

    /** True when the operand's values are numbers: metrics and the time attributes. */
    public boolean isNumeric() {
        return kind == Kind.METRIC || asAttribute().map(Attribute::isNumeric).orElse(false);
    }

    /**
     * The canonical spelling, for example {@code metrics.val_loss}, {@code max(metrics.acc)},
     * {@code params.`batch size`} or {@code attributes.start_time}. Keys that are not plain words are
     * backquoted, with a backquote inside doubled.
     */
    @Override
    public String toString() {
        String prefix = switch (kind) {
            case METRIC -> "metrics.";
            case PARAM -> "params.";
            case TAG -> "tags.";
            case ATTRIBUTE -> "attributes.";
            case DATASET -> "datasets.";
        };
        String text = prefix + (Lexer.isPlainKey(key) ? key : "`" + key.replace("`", "``") + "`");
        return switch (aggregate) {
            case LATEST -> text;
            case MIN -> "min(" + text + ")";
            case MAX -> "max(" + text + ")";
        };
    }

    /** Why these parts do not make an operand, or null when they do. Shared with the parser. */
    static String problem(Kind kind, String key, Aggregate aggregate) {
        if (aggregate != Aggregate.LATEST && kind != Kind.METRIC) {
            return aggregate.name().toLowerCase(Locale.ROOT) + "(...) applies to metrics only, for example "
                    + aggregate.name().toLowerCase(Locale.ROOT) + "(metrics.val_loss) < 0.2";
        }
        switch (kind) {
            case ATTRIBUTE:
                return Attribute.ofKey(key).isPresent() ? null
                        : "unknown attribute '" + Lexer.shorten(key) + "'. Attributes are: " + Attribute.listing();
            case DATASET:
                return DATASET_KEYS.contains(key) ? null
                        : "unknown dataset field '" + Lexer.shorten(key) + "'. Dataset fields are: "
                                + String.join(", ", DATASET_KEYS) + ", for example datasets.name = 'train.csv'";
            default:
                if (key.isBlank()) {
                    return "the key is empty. Name it after the prefix, for example metrics.val_loss";
                }
                if (key.length() > MAX_KEY_LENGTH) {
                    return "the key '" + Lexer.shorten(key) + "' is " + key.length()
                            + " characters long; keys have at most " + MAX_KEY_LENGTH + ". Use the key as logged";
                }
                return null;
        }
    }
}
