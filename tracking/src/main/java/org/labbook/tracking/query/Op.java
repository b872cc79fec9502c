package org.labbook.tracking.query;

/**
 * The comparison in one filter clause. {@link #symbol()} is the canonical spelling that the
 * {@code toString()} of a {@link Filter} prints and {@link FilterParser} reads back.
 */
public enum Op {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    LIKE("LIKE"),
    ILIKE("ILIKE"),
    IN("IN"),
    NOT_IN("NOT IN"),
    IS_NULL("IS NULL"),
    IS_NOT_NULL("IS NOT NULL");

    private final String symbol;

    Op(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written in a filter, e.g. {@code <=} or {@code NOT IN}. */
    public String symbol() {
        return symbol;
    }

    /** True for {@link #IN} and {@link #NOT_IN}, which take one or more values. */
    public boolean takesList() {
        return this == IN || this == NOT_IN;
    }

    /** True for {@link #IS_NULL} and {@link #IS_NOT_NULL}, which take no value. */
    public boolean takesNoValue() {
        return this == IS_NULL || this == IS_NOT_NULL;
    }

    /** True for the orderings {@code < <= > >=}, which only numbers support. */
    public boolean isOrdering() {
        return this == LT || this == LE || this == GT || this == GE;
    }

    /** True for {@link #LIKE} and {@link #ILIKE}, which only text supports. */
    public boolean isPattern() {
        return this == LIKE || this == ILIKE;
    }
}
