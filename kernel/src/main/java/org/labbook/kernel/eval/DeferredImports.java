package org.labbook.kernel.eval;

import java.io.IOException;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The imports every cell has (the JDK packages the jshell tool imports, the display functions, the classes
 * extensions offer), made in JShell only when a cell first mentions a name they bring.
 *
 * <p>Why: JShell compiles each snippet together with every import in force, and javac then fills the scope of
 * each star import and reads the class file of each named import again, on every evaluation. With the
 * kernel's fourteen imports a {@code System.out.println} took 9.2 ms instead of 7.3 ms in a bare JShell. A
 * cell must still see the same names as if everything were imported up front, so an import is made before the
 * first Java source that contains, outside comments and string literals, an identifier the import could
 * resolve: a type of the package, the member names of a static import, the simple name of a named import.
 * Mentioning a name more often than needed (a variable called {@code Files}) only makes an import early.
 *
 * <p>Only imports whose names can be listed are deferred: star imports of JDK packages (listed from the
 * runtime image) and imports of classes the user's class loader has; anything else is evaluated at once.
 */
final class DeferredImports {
    private static final Pattern IMPORT = Pattern.compile(
            "\\s*import\\s+(static\\s+)?((?:[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*\\s*\\.\\s*)*"
                    + "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)(\\s*\\.\\s*\\*)?\\s*;\\s*");

    /** An import not made yet, and the simple names that make it. */
    private record Pending(String source, Set<String> names) {
    }

    private final Consumer<String> evaluate;
    private final ClassLoader loader;
    /** Every import deferred here, in the order they were given: the imports every cell sees. */
    private final List<String> declared = new ArrayList<>();
    private final List<Pending> pending = new ArrayList<>();

    /**
     * @param evaluate makes an import in JShell (throws if it fails)
     * @param loader   the class loader cells see, to list the members of imported classes
     */
    DeferredImports(Consumer<String> evaluate, ClassLoader loader) {
        this.evaluate = evaluate;
        this.loader = loader;
    }

    /** Defers one import statement; false (nothing recorded) when its names cannot be listed. */
    synchronized boolean defer(String source) {
        Matcher statement = IMPORT.matcher(source);
        if (!statement.matches()) {
            return false;
        }
        boolean isStatic = statement.group(1) != null;
        String name = statement.group(2).replaceAll("\\s", "");
        boolean onDemand = statement.group(3) != null;
        Set<String> names;
        if (isStatic) {
            names = onDemand ? memberNames(name) : staticMemberName(name);
        } else {
            names = onDemand ? typesOfJdkPackage(name) : className(name);
        }
        if (names == null || names.isEmpty()) {
            return false;
        }
        String normalized = source.strip();
        declared.add(normalized);
        pending.add(new Pending(normalized, Set.copyOf(names)));
        return true;
    }

    /** Makes the deferred imports that {@code javaSource} may need; call before evaluating it. */
    synchronized void prepareFor(String javaSource) {
        if (pending.isEmpty()) {
            return;
        }
        // A Unicode escape can spell any name; do not try to read one.
        Set<String> mentioned = javaSource.contains("\\u") ? null : identifiers(javaSource);
        List<Pending> due = new ArrayList<>();
        for (Pending p : pending) {
            if (mentioned == null || mentions(mentioned, p.names())) {
                due.add(p);
            }
        }
        make(due);
    }

    /** Makes every deferred import: completion and documentation look names up without a cell naming them. */
    synchronized void prepareAll() {
        make(new ArrayList<>(pending));
    }

    /** The imports deferred here, made or not, in the order given. */
    synchronized List<String> declared() {
        return List.copyOf(declared);
    }

    private void make(List<Pending> due) {
        for (Pending p : due) {
            // Removed first: an import that fails is reported once by the caller's evaluation, not at every cell.
            pending.remove(p);
            evaluate.accept(p.source());
        }
    }

    private static boolean mentions(Set<String> mentioned, Set<String> names) {
        Set<String> smaller = mentioned.size() <= names.size() ? mentioned : names;
        Set<String> larger = smaller == mentioned ? names : mentioned;
        for (String name : smaller) {
            if (larger.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The identifiers in Java source, skipping comments, string and character literals and text blocks. An
     * unterminated comment or literal ends the scan: what it hides is not code.
     */
    static Set<String> identifiers(String source) {
        Set<String> names = new HashSet<>();
        int n = source.length();
        int i = 0;
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                int end = source.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                i = endOfTextBlock(source, i + 3);
            } else if (c == '"' || c == '\'') {
                i = endOfLiteral(source, i + 1, c);
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                do {
                    i++;
                } while (i < n && Character.isJavaIdentifierPart(source.charAt(i)));
                names.add(source.substring(start, i));
            } else if (Character.isDigit(c)) {
                // A number's letters (0x1F, 10L, 1e5) are not names.
                do {
                    i++;
                } while (i < n && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '_'));
            } else {
                i++;
            }
        }
        return names;
    }

    private static int endOfLiteral(String source, int from, char quote) {
        int i = from;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote || c == '\n') {
                return i + 1;
            } else {
                i++;
            }
        }
        return source.length();
    }

    private static int endOfTextBlock(String source, int from) {
        int i = from;
        while (i < source.length()) {
            if (source.charAt(i) == '\\') {
                i += 2;
            } else if (source.startsWith("\"\"\"", i)) {
                return i + 3;
            } else {
                i++;
            }
        }
        return source.length();
    }

    /** The top-level type names of a package in the runtime image, or null when it has no such package. */
    static Set<String> typesOfJdkPackage(String packageName) {
        try {
            FileSystem image = FileSystems.getFileSystem(URI.create("jrt:/"));
            Path modules = image.getPath("/packages", packageName);
            if (!Files.isDirectory(modules)) {
                return null;
            }
            Set<String> types = new HashSet<>();
            try (DirectoryStream<Path> links = Files.newDirectoryStream(modules)) {
                for (Path link : links) {
                    Path directory = image.getPath("/modules", link.getFileName().toString(),
                            packageName.replace('.', '/'));
                    try (Stream<Path> files = Files.list(directory)) {
                        files.map(f -> f.getFileName().toString())
                                .filter(f -> f.endsWith(".class") && !f.contains("$") && !f.contains("-"))
                                .forEach(f -> types.add(f.substring(0, f.length() - ".class".length())));
                    }
                }
            }
            return types;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Set<String> className(String name) {
        return load(name) == null ? null : Set.of(name.substring(name.lastIndexOf('.') + 1));
    }

    private Set<String> staticMemberName(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return dot < 0 || load(qualified.substring(0, dot)) == null ? null : Set.of(qualified.substring(dot + 1));
    }

    /** The public static members and member types {@code import static C.*} brings in. */
    private Set<String> memberNames(String className) {
        Class<?> type = load(className);
        if (type == null) {
            return null;
        }
        Set<String> names = new HashSet<>();
        Stream.concat(Stream.of(type.getMethods()), Stream.of(type.getFields()))
                .filter(m -> Modifier.isStatic(m.getModifiers()))
                .map(Member::getName)
                .forEach(names::add);
        for (Class<?> member : type.getClasses()) {
            names.add(member.getSimpleName());
        }
        return names;
    }

    private Class<?> load(String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
