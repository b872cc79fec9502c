package org.labbook.tracking.query;

import java.util.List;
import java.util.Objects;

/**
 * Reads run filters and order-bys; the language is described in the package documentation.
 *
 * <p>Every method either returns an immutable tree or throws {@link FilterSyntaxException}, whatever
 * the input: no other exception, no stack overflow, time linear in the input's length.
 */
public final class FilterParser {

    /** Longest filter or order-by accepted, in chars; enough for an IN list of several hundred run ids. */
    public static final int MAX_LENGTH = 10_000;

    /** Deepest nesting of parentheses and NOT accepted; deeper input is rejected before it can exhaust the stack. */
    public static final int MAX_DEPTH = 100;

    private FilterParser() {
    }

    /**
     * Parses a filter such as {@code metrics.val_acc > 0.9 and params.lr = '0.001'}. An empty or blank
     * text parses to {@link Filter#all()}, which matches every run.
     *
     * @throws FilterSyntaxException when the text is not a valid filter, with the column where it fails
     */
    public static Filter parse(String text) {
        return new Parser("filter", checked("filter", text)).filter();
    }

    /**
     * Parses one sort key such as {@code metrics.val_loss DESC}, {@code params.lr} or
     * {@code start_time asc}; without ASC or DESC the order is ascending.
     *
     * @throws FilterSyntaxException when the text is empty or not exactly one sort key
     */
    public static OrderBy parseOrderBy(String text) {
        return new Parser("order-by", checked("order-by", text)).singleOrderBy();
    }

    /**
     * Parses sort keys separated by commas, such as {@code metrics.val_loss ASC, start_time DESC}; the
     * first key sorts first. An empty or blank text gives an empty list. A key may appear once: a second
     * {@code metrics.loss}, or an alias of it such as {@code metric.loss}, is an error.
     */
    public static List<OrderBy> parseOrderByList(String text) {
        return List.copyOf(new Parser("order-by", checked("order-by", text)).orderByList());
    }

    /**
     * Parses several order-by texts as one list, as a search given
     * {@code orderBy("metrics.val_loss ASC", "start_time DESC")} needs, so that a key given in two of them
     * is caught too. Blank texts are skipped; the others are read joined with {@code ", "}, which is the
     * {@link FilterSyntaxException#input()} an error's column counts in.
     */
    public static List<OrderBy> parseOrderByList(List<String> texts) {
        Objects.requireNonNull(texts, "order-by");
        return parseOrderByList(String.join(", ", texts.stream().filter(text -> !text.isBlank()).toList()));
    }

    private static String checked(String subject, String text) {
        Objects.requireNonNull(text, subject);
        if (text.length() > MAX_LENGTH) {
            throw FilterSyntaxException.at(subject, text, MAX_LENGTH, "the " + subject + " is " + text.length()
                    + " characters long; the limit is " + MAX_LENGTH + ". Shorten it, or split the search into several");
        }
        return text;
    }
}
