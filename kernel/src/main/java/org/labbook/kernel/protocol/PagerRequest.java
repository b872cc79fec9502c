package org.labbook.kernel.protocol;

import java.util.Optional;

/**
 * A cell that is only {@code name?} or {@code name??}: the IPython way to page a name's documentation
 * (one "?" for the signature, two for the full detail). Java has no postfix "?", so no valid cell is taken.
 *
 * @param expression  what to document, e.g. {@code String.format}
 * @param detailLevel 0 or 1
 */
record PagerRequest(String expression, int detailLevel) {

    static Optional<PagerRequest> parse(String code) {
        String trimmed = code.strip();
        if (!trimmed.endsWith("?") || trimmed.contains("\n")) {
            return Optional.empty();
        }
        int detail = trimmed.endsWith("??") ? 1 : 0;
        String expression = trimmed.substring(0, trimmed.length() - 1 - detail).strip();
        if (expression.isEmpty() || !expression.matches("[\\p{L}_$][\\p{L}\\p{N}_$.]*(\\(\\))?")) {
            return Optional.empty();
        }
        return Optional.of(new PagerRequest(expression, detail));
    }
}
