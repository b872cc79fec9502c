package org.labbook.tracking;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the store is and which rule chose it. The rules, first match wins:
 * <ol>
 *   <li>an explicit URI passed to {@code Labbook.open(uri)};</li>
 *   <li>the {@code LABBOOK_STORE} environment variable;</li>
 *   <li>{@code .labbook/} at the root of the enclosing git repository (the first parent folder that
 *       holds {@code .git}), so every notebook and job of a project shares one store;</li>
 *   <li>{@code .labbook/} in the working directory.</li>
 * </ol>
 * A URI is a plain folder path, {@code sqlite:/path/to/folder} (or {@code file:}), or
 * {@code postgresql://host/db} for a team store.
 *
 * @param uri the location as the user would write it
 * @param directory the store folder for the embedded SQLite store; null for PostgreSQL
 * @param rule how this location was chosen, for {@link #describe()}
 */
public record StoreLocation(Kind kind, String uri, Path directory, String rule) {
    public static final String ENVIRONMENT_VARIABLE = "LABBOOK_STORE";
    public static final String DEFAULT_FOLDER = ".labbook";

    /** The backends a location can name. */
    public enum Kind { SQLITE, POSTGRESQL }

    public StoreLocation {
        Validation.required("store kind", kind);
        Validation.required("store uri", uri);
        Validation.required("store rule", rule);
        if (kind == Kind.SQLITE) {
            Validation.required("store directory", directory);
        }
    }

    /** Resolves with this process's environment and working directory. */
    public static StoreLocation resolve(String explicitUri) {
        return resolve(explicitUri, System.getenv(), Path.of("").toAbsolutePath());
    }

    /** Resolves with a given environment and working directory (tests use this). */
    public static StoreLocation resolve(String explicitUri, Map<String, String> environment, Path workingDirectory) {
        if (explicitUri != null && !explicitUri.isBlank()) {
            return parse(explicitUri, "explicit argument", workingDirectory);
        }
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return parse(fromEnvironment, ENVIRONMENT_VARIABLE + " environment variable", workingDirectory);
        }
        Path start = workingDirectory.toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            // A .git file (not folder) marks a worktree or submodule; it is still the repository root.
            if (Files.exists(dir.resolve(".git"))) {
                Path store = dir.resolve(DEFAULT_FOLDER);
                return new StoreLocation(Kind.SQLITE, store.toString(), store,
                        DEFAULT_FOLDER + "/ at the git repository root " + dir);
            }
        }
        Path store = start.resolve(DEFAULT_FOLDER);
        return new StoreLocation(Kind.SQLITE, store.toString(), store,
                DEFAULT_FOLDER + "/ in the working directory (no git repository found above it)");
    }

    /** Parses a store URI or path; relative paths are taken from {@code workingDirectory}. */
    public static StoreLocation parse(String uri, String rule, Path workingDirectory) {
        String text = uri.strip();
        if (text.startsWith("postgresql://") || text.startsWith("postgres://") || text.startsWith("jdbc:postgresql:")) {
            return new StoreLocation(Kind.POSTGRESQL, text, null, rule);
        }
        String path = text;
        if (text.startsWith("sqlite:")) {
            path = text.substring("sqlite:".length());
        } else if (text.startsWith("file:")) {
            path = Path.of(java.net.URI.create(text)).toString();
        } else if (text.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
            throw new ValidationException("Unsupported store URI '" + Validation.shorten(text)
                    + "'. Use a folder path, sqlite:/path/to/folder or postgresql://host/database.");
        }
        if (path.startsWith("//")) {
            path = path.substring(1); // sqlite:///abs/path
        }
        if (path.isBlank()) {
            throw new ValidationException("Invalid store URI '" + text + "': the path is empty. Use sqlite:/path/to/folder.");
        }
        Path directory = workingDirectory.resolve(path).toAbsolutePath().normalize();
        // A path to the database file itself names its folder.
        if (directory.getFileName() != null && directory.getFileName().toString().equals("labbook.db")) {
            directory = directory.getParent();
        }
        return new StoreLocation(Kind.SQLITE, "sqlite:" + directory, directory, rule);
    }

    /** One line for users: which store, where, and which rule chose it. Never shows a password. */
    public String describe() {
        return switch (kind) {
            case SQLITE -> "SQLite store in " + directory + " (chosen by: " + rule + ")";
            case POSTGRESQL -> "PostgreSQL store " + redacted() + " (chosen by: " + rule + ")";
        };
    }

    /** The URI with any password replaced by {@code ***}. */
    public String redacted() {
        return uri.replaceAll("(://[^:/@]+:)[^@]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
        return describe();
    }
}
