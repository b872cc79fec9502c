package org.labbook.kernel.eval;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;

/** The user's JShell with its in-process execution engine and class loader. */
final class UserShell implements AutoCloseable {
    /**
     * {@code -Dlabbook.stopChecks=off} loads snippet classes as compiled, without the checks that let an
     * interrupt end a loop on Java 20+: only for measuring what the checks cost (benchmarks/, BENCHMARKS.md).
     */
    static final String STOP_CHECKS_PROPERTY = "labbook.stopChecks";

    private final JShell jshell;
    private final KernelExecutionControl control;

    private UserShell(JShell jshell, KernelExecutionControl control) {
        this.jshell = jshell;
        this.control = control;
    }

    /** Builds JShell with the kernel's classpath visible to both the compiler and the running cells. */
    static UserShell start() {
        ClassLoader kernelLoader = UserShell.class.getClassLoader();
        String kernelClasspath = kernelClasspath(kernelLoader);
        UserClassLoader loader = new UserClassLoader(kernelLoader);
        boolean stopChecks = !"off".equals(System.getProperty(STOP_CHECKS_PROPERTY));
        KernelExecutionControl control = new KernelExecutionControl(loader, stopChecks);
        List<Path> kernelEntries = Arrays.stream(kernelClasspath.split(File.pathSeparator))
                .filter(e -> !e.isBlank()).map(Path::of).toList();
        JShell jshell = JShell.builder()
                .executionEngine(new KernelExecutionControl.Provider(control), Map.of())
                .fileManager(javac -> IndexedJarsFileManager.over(javac, kernelEntries))
                .build();
        // Through addToClasspath, not a --class-path compiler option: that option would hide every jar added
        // later. JShell's completion indexes what is added here; the compiler reads the kernel's jars from the
        // file manager's index, and the class loader skips them, since its parent already has them.
        loader.alreadyVisible(kernelClasspath);
        jshell.addToClasspath(kernelClasspath);
        return new UserShell(jshell, control);
    }

    JShell jshell() {
        return jshell;
    }

    KernelExecutionControl control() {
        return control;
    }

    UserClassLoader loader() {
        return control.loader();
    }

    List<SnippetEvent> eval(String source) {
        control.clearLast();
        return jshell.eval(source);
    }

    void addToClasspath(Path path) {
        jshell.addToClasspath(path.toAbsolutePath().toString());
    }

    void stop() {
        jshell.stop();
    }

    @Override
    public void close() {
        jshell.close();
    }

    /**
     * The classpath the kernel was loaded from: java.class.path, the manifest Class-Path of jars on it (test
     * runners and launchers often start the JVM with a single manifest-only jar), and URLs of the loader.
     */
    static String kernelClasspath(ClassLoader loader) {
        Set<String> entries = new LinkedHashSet<>();
        for (String element : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!element.isBlank()) {
                addWithManifest(Path.of(element).toAbsolutePath(), entries);
            }
        }
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        try {
                            addWithManifest(Path.of(url.toURI()), entries);
                        } catch (java.net.URISyntaxException ignored) {
                            // not a local file: nothing the compiler could read
                        }
                    }
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void addWithManifest(Path path, Set<String> entries) {
        if (!entries.add(path.toString()) || !path.toString().endsWith(".jar") || !Files.isRegularFile(path)) {
            return;
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return;
            }
            for (String relative : classPath.trim().split("\\s+")) {
                try {
                    URL url = new URL(path.toUri().toURL(), relative);
                    if ("file".equals(url.getProtocol())) {
                        addWithManifest(Path.of(url.toURI()), entries);
                    }
                } catch (IOException | java.net.URISyntaxException | IllegalArgumentException ignored) {
                    // a malformed manifest entry cannot be on the runtime classpath either
                }
            }
        } catch (IOException ignored) {
            // unreadable jar: the compiler skips it as the JVM did
        }
    }
}
