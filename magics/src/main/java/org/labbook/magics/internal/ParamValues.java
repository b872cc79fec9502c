package org.labbook.magics.internal;

import java.util.Arrays;

/** How a live notebook value becomes a param's text. */
final class ParamValues {
    private ParamValues() {
    }

    /** Arrays show their elements (not {@code [D@1b6d3586}); everything else as {@link String#valueOf}. */
    static Object text(Object value) {
        if (value != null && value.getClass().isArray()) {
            return Arrays.deepToString(new Object[] {value}).replaceAll("^\\[|]$", "");
        }
        return value;
    }
}
