package org.labbook.tracking.spi;

import org.labbook.tracking.ValidationException;

/**
 * The limits every key and value obeys, checked when a domain record is built. They follow MLflow's
 * so that runs move between the two tools unchanged: keys of at most 250 letters, digits and
 * {@code _ - . / } and space; param values of at most 6000 characters; tag values of at most 8000.
 *
 * <p>Every message names the offending value (shortened), the rule and the fix, in one line.
 */
public final class Validation {
    public static final int MAX_KEY_LENGTH = 250;
    public static final int MAX_PARAM_VALUE_LENGTH = 6000;
    public static final int MAX_TAG_VALUE_LENGTH = 8000;
    public static final int MAX_NAME_LENGTH = 250;
    public static final int MAX_NOTE_LENGTH = 100_000;

    private Validation() {
    }

    /**
     * Checks a param, metric, tag or dataset key.
     *
     * @param what what the key names, e.g. "metric key", used in the message
     */
    public static String key(String what, String key) {
        if (key == null || key.isEmpty()) {
            throw new ValidationException("Invalid " + what + ": it is empty. Give a name such as 'val_loss'.");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new ValidationException("Invalid " + what + " '" + shorten(key) + "': it is " + key.length()
                    + " characters long; the limit is " + MAX_KEY_LENGTH + ". Use a shorter name.");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '.' || c == '/' || c == ' ';
            if (!allowed) {
                throw new ValidationException("Invalid " + what + " '" + shorten(key) + "': character '"
                        + printable(c) + "' at position " + (i + 1) + " is not allowed. Names may only contain"
                        + " letters, digits, underscores (_), dashes (-), periods (.), slashes (/) and spaces.");
            }
        }
        if (key.startsWith("/") || key.contains("..") || key.isBlank()) {
            throw new ValidationException("Invalid " + what + " '" + shorten(key)
                    + "': it must not be blank, start with '/' or contain '..'. Use a relative name such as 'train/loss'.");
        }
        return key;
    }

    /** Checks a value against a length limit; null is rejected because the store has no null values. */
    public static String value(String what, String key, String value, int maxLength) {
        if (value == null) {
            throw new ValidationException("Invalid " + what + " for '" + key + "': it is null. Log a string,"
                    + " number or boolean, or leave the key out.");
        }
        if (value.length() > maxLength) {
            throw new ValidationException("Invalid " + what + " for '" + key + "': '" + shorten(value) + "' is "
                    + value.length() + " characters long; the limit is " + maxLength
                    + ". Log long text as an artifact or a note instead.");
        }
        return value;
    }

    /** Checks an experiment or run name: non-blank, at most 250 characters, no control characters. */
    public static String name(String what, String name) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("Invalid " + what + ": it is empty. Give a name such as 'fraud/baseline'.");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new ValidationException("Invalid " + what + " '" + shorten(name) + "': it is " + name.length()
                    + " characters long; the limit is " + MAX_NAME_LENGTH + ". Use a shorter name.");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new ValidationException("Invalid " + what + " '" + shorten(name)
                        + "': it contains a control character at position " + (i + 1) + ". Use printable characters only.");
            }
        }
        if (!name.strip().equals(name)) {
            throw new ValidationException("Invalid " + what + " '" + shorten(name)
                    + "': it starts or ends with whitespace. Remove the surrounding spaces.");
        }
        return name;
    }

    /** Checks that a value is not null, naming the field. */
    public static <T> T required(String what, T value) {
        if (value == null) {
            throw new ValidationException("Missing " + what + ": it must not be null.");
        }
        return value;
    }

    /** Shortens a value for a one-line message: the first 60 characters and the length. */
    public static String shorten(String value) {
        if (value == null) {
            return "null";
        }
        String oneLine = value.replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }

    private static String printable(char c) {
        if (Character.isISOControl(c) || Character.isWhitespace(c)) {
            return String.format("\\u%04x", (int) c);
        }
        return String.valueOf(c);
    }
}
