package org.labbook.tracking;

import org.labbook.tracking.spi.Validation;

/**
 * A run's setting, e.g. {@code lr = 0.001}. Values are kept as text, as MLflow does; numbers and
 * booleans are converted with {@link #of(String, Object)}.
 */
public record Param(String key, String value) {
    public Param {
        Validation.key("param key", key);
        Validation.value("param value", key, value, Validation.MAX_PARAM_VALUE_LENGTH);
    }

    /**
     * Builds a param from any value with {@link String#valueOf(Object)}: {@code 0.001}, {@code 64},
     * {@code true}; a BigDecimal is written without exponent.
     */
    public static Param of(String key, Object value) {
        if (value == null) {
            Validation.key("param key", key);
            throw new ValidationException("Invalid param value for '" + key
                    + "': it is null. Log a string, number or boolean, or leave the key out.");
        }
        return new Param(key, textOf(value));
    }

    static String textOf(Object value) {
        // BigDecimal would print 1E-3 from toString(); plain text is what users typed.
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return String.valueOf(value);
    }
}
