package org.labbook.kernel.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.net.URI;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiler reading the kernel's jars through the index: real javac, real jars on disk. */
class IndexedJarsFileManagerTest {
    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    @TempDir
    Path dir;

    @Test
    void classesInIndexedJarsAndDirectoriesCompileAndMissingOnesAreReportedAsJavacReportsThem() throws IOException {
        Path kernelJar = jar("kernel.jar", Map.of(
                "p/a/A.java", "package p.a; public class A { public static int answer() { return 42; } }",
                "p/a/b/B.java", "package p.a.b; public class B { public static String name() { return \"b\"; } }"),
                Map.of());
        Path classes = compileTo(dir.resolve("classes"),
                Map.of("q/Q.java", "package q; public class Q { public static int one() { return 1; } }"));

        try (IndexedJarsFileManager files = over(List.of(kernelJar, classes))) {
            assertThat(compile(files, "import p.a.*; import p.a.b.B; import q.Q;"
                    + " class Use { int x = A.answer() + B.name().length() + Q.one(); }")).isEmpty();
            assertThat(compile(files, "class Broken { int x = p.a.Missing.answer(); }"))
                    .singleElement().asString().contains("class Missing").contains("package p.a");
        }
    }

    @Test
    void listsOnePackageOrItsSubpackagesAndNamesEachClassByItsBinaryName() throws IOException {
        Path kernelJar = jar("kernel.jar", Map.of(
                "p/a/A.java", "package p.a; public class A { public static class Inner { } }",
                "p/a/b/B.java", "package p.a.b; public class B { }",
                "p/ab/C.java", "package p.ab; public class C { }"),
                Map.of());
        try (IndexedJarsFileManager files = over(List.of(kernelJar))) {
            assertThat(binaryNames(files, "p.a", false)).containsExactlyInAnyOrder("p.a.A", "p.a.A$Inner");
            assertThat(binaryNames(files, "p.a", true)).containsExactlyInAnyOrder("p.a.A", "p.a.A$Inner", "p.a.b.B");
            assertThat(binaryNames(files, "p.nothing", true)).isEmpty();
            assertThat(files.list(StandardLocation.CLASS_PATH, "p.a", Set.of(JavaFileObject.Kind.SOURCE), false))
                    .isEmpty();
            JavaFileObject a = null;
            for (JavaFileObject file : files.list(StandardLocation.CLASS_PATH, "p.a",
                    Set.of(JavaFileObject.Kind.CLASS), false)) {
                if (files.inferBinaryName(StandardLocation.CLASS_PATH, file).equals("p.a.A")) {
                    a = file;
                }
            }
            assertThat(a).isNotNull();
            assertThat(a.isNameCompatible("A", JavaFileObject.Kind.CLASS)).isTrue();
            assertThat(a.isNameCompatible("Inner", JavaFileObject.Kind.CLASS)).isFalse();
            assertThat(a.isNameCompatible("A", JavaFileObject.Kind.SOURCE)).isFalse();
            assertThat(a.getName()).endsWith("kernel.jar(p/a/A.class)");
            assertThat(a.toUri().toString()).startsWith("jar:").endsWith(".class");
        }
    }

    @Test
    void theKernelsJarsComeFirstAndJarsAddedLaterStillCompile() throws IOException {
        Path kernelJar = jar("kernel.jar",
                Map.of("p/S.java", "package p; public class S { public static int kernels() { return 1; } }"),
                Map.of());
        Path added = jar("added.jar", Map.of(
                "p/S.java", "package p; public class S { public static int added() { return 2; } }",
                "r/R.java", "package r; public class R { public static int r() { return 3; } }"),
                Map.of());
        try (IndexedJarsFileManager files = over(List.of(kernelJar))) {
            // As JShell adds a jar: the JVM's class path, then the jar, as one option; the kernel's jar is left out.
            files.handleOption("-classpath", List.of(kernelJar + java.io.File.pathSeparator + added).iterator());
            assertThat(StreamSupport.stream(files.getLocation(StandardLocation.CLASS_PATH).spliterator(), false)
                    .map(f -> f.toPath().toAbsolutePath())).containsExactly(added.toAbsolutePath());

            assertThat(compile(files, "class Use { int x = p.S.kernels() + r.R.r(); }")).isEmpty();
            assertThat(compile(files, "class Shadowed { int x = p.S.added(); }"))
                    .singleElement().asString().contains("added");
        }
    }

    @Test
    void theMultiReleasePartOfAJarIsLeftOutAsJavacLeavesItOut() throws IOException {
        Path kernelJar = jar("kernel.jar",
                Map.of("m/M.java", "package m; public class M { public static int base() { return 1; } }"),
                Map.of("META-INF/versions/11/",
                        "package m; public class M { public static int versioned() { return 2; } }"));
        try (IndexedJarsFileManager files = over(List.of(kernelJar))) {
            assertThat(compile(files, "class Use { int x = m.M.base(); }")).isEmpty();
            assertThat(binaryNames(files, "", true)).containsExactly("m.M");
        }
    }

    private IndexedJarsFileManager over(List<Path> classpath) {
        StandardJavaFileManager javac = JAVAC.getStandardFileManager(null, null, null);
        return IndexedJarsFileManager.over(javac, classpath);
    }

    private static List<String> binaryNames(IndexedJarsFileManager files, String packageName, boolean recurse)
            throws IOException {
        List<String> names = new ArrayList<>();
        for (JavaFileObject file : files.list(StandardLocation.CLASS_PATH, packageName,
                Set.of(JavaFileObject.Kind.CLASS), recurse)) {
            names.add(files.inferBinaryName(StandardLocation.CLASS_PATH, file));
        }
        return names;
    }

    /** The error messages of compiling {@code source} with {@code files}; empty when it compiled. */
    private List<String> compile(IndexedJarsFileManager files, String source) throws IOException {
        Path out = Files.createDirectories(dir.resolve("out-" + System.nanoTime()));
        files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(out.toFile()));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///Use.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        JAVAC.getTask(new StringWriter(), files, diagnostics, List.of("-proc:none"), null, List.of(unit)).call();
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(null)).toList();
    }

    /**
     * A jar of the classes compiled from {@code sources}; {@code versioned} maps a folder inside the jar
     * (META-INF/versions/N/) to one more source compiled into it.
     */
    private Path jar(String name, Map<String, String> sources, Map<String, String> versioned) throws IOException {
        Path classes = compileTo(dir.resolve(name + "-classes"), sources);
        Path jar = dir.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            add(out, classes, "");
            for (Map.Entry<String, String> v : versioned.entrySet()) {
                String type = v.getValue().replaceAll("(?s).*public class (\\w+).*", "$1");
                String pkg = v.getValue().replaceAll("(?s)^package ([\\w.]+);.*", "$1").replace('.', '/');
                Path versionClasses = compileTo(dir.resolve(name + "-versioned"),
                        Map.of(pkg + "/" + type + ".java", v.getValue()));
                add(out, versionClasses, v.getKey());
            }
        }
        return jar;
    }

    private static void add(JarOutputStream out, Path classes, String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(prefix + classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, (OutputStream) out);
                out.closeEntry();
            }
        }
    }

    private static Path compileTo(Path out, Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(out.resolveSibling(out.getFileName() + "-src"));
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            files.add(Files.writeString(file, source.getValue()));
        }
        Files.createDirectories(out);
        try (StandardJavaFileManager javac = JAVAC.getStandardFileManager(null, null, null)) {
            boolean ok = JAVAC.getTask(null, javac, null, List.of("-d", out.toString(), "-proc:none"), null,
                    javac.getJavaFileObjectsFromPaths(files)).call();
            assertThat(ok).as("the test's own classes compile").isTrue();
        }
        return out;
    }
}
