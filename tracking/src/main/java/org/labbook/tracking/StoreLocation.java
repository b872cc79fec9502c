package org.labbook.tracking;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.labbook.tracking.redact.Scrubber;
import org.labbook.tracking.spi.Validation;

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
 * {@code SCHEME://...} for a store a provider serves, such as {@code postgresql://host/db} for a
 * team store (see {@link org.labbook.tracking.spi.StoreProvider}).
 *
 * @param scheme which kind of store: {@code sqlite} for the embedded store, else the URI's scheme in
 *               lower case ({@code postgresql} also for {@code postgres://} and {@code jdbc:postgresql:})
 * @param uri the location as the user would write it
 * @param directory the store folder of a file-based store; null for a server store
 * @param rule how this location was chosen, for {@link #describe()}
 */
public record StoreLocation(String scheme, String uri, Path directory, String rule) {
    public static final String ENVIRONMENT_VARIABLE = "LABBOOK_STORE";
    public static final String DEFAULT_FOLDER = ".labbook";
    /** The scheme of the embedded store. */
    public static final String SQLITE = "sqlite";

    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://.*", Pattern.DOTALL);

    public StoreLocation {
        Validation.required("store scheme", scheme);
        Validation.required("store uri", uri);
        Validation.required("store rule", rule);
        if (scheme.equals(SQLITE)) {
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
                return new StoreLocation(SQLITE, store.toString(), store,
                        DEFAULT_FOLDER + "/ at the git repository root " + dir);
            }
        }
        Path store = start.resolve(DEFAULT_FOLDER);
        return new StoreLocation(SQLITE, store.toString(), store,
                DEFAULT_FOLDER + "/ in the working directory (no git repository found above it)");
    }

    /**
     * Parses a store URI or path; relative paths are taken from {@code workingDirectory}. Any
     * {@code SCHEME://} is accepted here; whether a store serves that scheme is
     * {@link org.labbook.tracking.spi.Stores}' question.
     */
    public static StoreLocation parse(String uri, String rule, Path workingDirectory) {
        String text = uri.strip();
        if (text.startsWith("jdbc:postgresql:")) {
            return new StoreLocation("postgresql", text, null, rule);
        }
        String path = text;
        if (text.startsWith("sqlite:")) {
            path = text.substring("sqlite:".length());
        } else if (text.startsWith("file:")) {
            path = Path.of(java.net.URI.create(text)).toString();
        } else {
            Matcher scheme = SCHEME.matcher(text);
            if (scheme.matches()) {
                String name = scheme.group(1).toLowerCase(Locale.ROOT);
                return new StoreLocation(name.equals("postgres") ? "postgresql" : name, text, null, rule);
            }
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
        return new StoreLocation(SQLITE, "sqlite:" + directory, directory, rule);
    }

    /** One line for users: which store, where, and which rule chose it. Never shows a password. */
    public String describe() {
        if (directory != null) {
            return "SQLite store in " + directory + " (chosen by: " + rule + ")";
        }
        String name = scheme.equals("postgresql") ? "PostgreSQL" : scheme;
        return name + " store " + redacted() + " (chosen by: " + rule + ")";
    }

    /** The URI with any password replaced by {@link Scrubber#MARKER}. */
    public String redacted() {
        return redact(uri);
    }

    /**
     * Masks the password of a URI whole: everything between the first {@code :} after {@code ://} and
     * the last {@code @}, so a password holding {@code /}, {@code @}, {@code :} or {@code ?} never shows
     * in part; and {@code password=} query parameters. When in doubt it masks too much, never too little.
     */
    public static String redact(String uri) {
        String text = uri;
        int authority = text.indexOf("://");
        if (authority >= 0) {
            int from = authority + 3;
            int at = text.lastIndexOf('@');
            int colon = text.indexOf(':', from);
            if (at > from && colon >= 0 && colon < at) {
                text = text.substring(0, colon + 1) + Scrubber.MARKER + text.substring(at);
            }
        }
        return text.replaceAll("(?i)(password=)[^&]*", "$1" + Matcher.quoteReplacement(Scrubber.MARKER));
    }

    @Override
    public String toString() {
        return describe();
    }
}
