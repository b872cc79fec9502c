package org.labbook.tracking;

import java.util.regex.Pattern;

import org.labbook.tracking.spi.Validation;

/**
 * The rules for model names, aliases and version numbers. A model name may not contain {@code @} or
 * {@code /} because {@code NAME@alias} and {@code NAME/3} are how a version is referred to; an alias may
 * not be a number so that {@code NAME@3} can never be mistaken for a version.
 */
public final class ModelNames {
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,249}");
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,99}");

    private ModelNames() {
    }

    /** Checks a registered model's name, e.g. {@code fraud-detector}. */
    public static String model(String name) {
        if (name == null || name.isEmpty()) {
            throw new ValidationException("Invalid model name: it is empty. Give a name such as 'fraud-detector'.");
        }
        if (!MODEL.matcher(name).matches()) {
            throw new ValidationException("Invalid model name '" + Validation.shorten(name) + "': a model name is 1 to 250"
                    + " letters, digits, '_', '.' and '-', starting with a letter or digit. Use e.g. 'fraud-detector'.");
        }
        return name;
    }

    /** Checks an alias, e.g. {@code production}. */
    public static String alias(String alias) {
        if (alias == null || alias.isEmpty()) {
            throw new ValidationException("Invalid alias: it is empty. Give a name such as 'production'.");
        }
        if (!ALIAS.matcher(alias).matches()) {
            throw new ValidationException("Invalid alias '" + Validation.shorten(alias) + "': an alias is 1 to 100"
                    + " letters, digits, '_' and '-', starting with a letter. Use e.g. 'production' or 'staging'.");
        }
        return alias;
    }

    /** Checks a version number: versions count from 1. */
    public static int version(String model, int version) {
        if (version < 1) {
            throw new ValidationException("Invalid version " + version + " of model '" + model
                    + "': versions are numbered from 1. List them with %track models " + model + ".");
        }
        return version;
    }

    /** Parses a version number as the user typed it. */
    public static int parseVersion(String model, String text) {
        try {
            return version(model, Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            throw new ValidationException("Invalid version '" + Validation.shorten(text) + "' of model '" + model
                    + "': a version is a whole number such as 3. List them with %track models " + model + ".");
        }
    }
}
