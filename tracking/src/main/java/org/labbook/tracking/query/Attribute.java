package org.labbook.tracking.query;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The run attributes a filter or order-by can name, with their canonical key (what
 * {@link Operand#key()} holds) and the aliases users may type instead. A filter may name an
 * attribute bare ({@code status = 'FINISHED'}) or with a prefix ({@code attributes.status},
 * {@code attribute.status}, {@code attr.status}, {@code run.status}), and quote it
 * ({@code `status`}, {@code attributes."status"}). Names and aliases match in any case.
 *
 * <p>The aliases include MLflow's: {@code created} for {@code start_time}, {@code run name} (which
 * needs quotes for its space: {@code `Run name`}) for {@code run_name}, and {@code user_id}.
 *
 * <p>Times are epoch milliseconds. {@link #EXPERIMENT} is the experiment's name, for example
 * {@code fraud/baseline}.
 */
public enum Attribute {
    RUN_ID("run_id", false, "id"),
    RUN_NAME("run_name", false, "name", "run name"),
    STATUS("status", false),
    START_TIME("start_time", true, "created"),
    END_TIME("end_time", true),
    USER("user", false, "user_id"),
    EXPERIMENT("experiment", false, "experiment_name"),
    EXPERIMENT_ID("experiment_id", false),
    PARENT_RUN_ID("parent_run_id", false, "parent_id");

    private final String key;
    private final boolean numeric;
    private final List<String> aliases;

    Attribute(String key, boolean numeric, String... aliases) {
        this.key = key;
        this.numeric = numeric;
        this.aliases = List.of(aliases);
    }

    /** The canonical name, e.g. {@code start_time}; this is what {@link Operand#key()} holds. */
    public String key() {
        return key;
    }

    /** True for the times, which compare as numbers; every other attribute compares as text. */
    public boolean isNumeric() {
        return numeric;
    }

    /** Other names accepted for this attribute, e.g. {@code created} for {@code start_time}. */
    public List<String> aliases() {
        return aliases;
    }

    /** Finds an attribute by its canonical name or an alias, ignoring case. */
    public static Optional<Attribute> byName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Attribute attribute : values()) {
            if (attribute.key.equals(lower) || attribute.aliases.contains(lower)) {
                return Optional.of(attribute);
            }
        }
        return Optional.empty();
    }

    /** Finds an attribute by its canonical name only, exactly as {@link Operand#key()} holds it. */
    public static Optional<Attribute> ofKey(String key) {
        return Arrays.stream(values()).filter(a -> a.key.equals(key)).findFirst();
    }

    /** The canonical names, comma-separated, for error messages. */
    static String listing() {
        return Arrays.stream(values()).map(Attribute::key).collect(Collectors.joining(", "));
    }
}
