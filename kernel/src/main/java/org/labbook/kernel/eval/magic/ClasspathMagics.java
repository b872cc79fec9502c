package org.labbook.kernel.eval.magic;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.labbook.kernel.api.ClasspathEntry;
import org.labbook.kernel.api.MagicCall;
import org.labbook.kernel.api.UserError;

/** {@code %jars GLOB...} and {@code %classpath PATH...}: local jars and folders onto the user's classpath. */
public final class ClasspathMagics {
    private final ClasspathSink sink;
    private final Path workingDirectory;

    public ClasspathMagics(ClasspathSink sink, Path workingDirectory) {
        this.sink = sink;
        this.workingDirectory = workingDirectory;
    }

    public void register(MagicRegistry registry) {
        registry.lineMagic("jars", this::jars);
        registry.lineMagic("classpath", this::classpath);
    }

    Object jars(MagicCall call) throws IOException {
        List<String> globs = MagicArgs.split(call.args());
        if (globs.isEmpty()) {
            throw new UserError("%jars needs at least one path or glob, e.g. %jars lib/*.jar");
        }
        List<ClasspathEntry> entries = new ArrayList<>();
        for (String glob : globs) {
            List<Path> jars = expand(glob);
            if (jars.isEmpty()) {
                throw new UserError("%jars " + glob + ": no .jar file matches. Give an existing jar or a glob such as lib/*.jar"
                        + " (relative paths start at " + workingDirectory + ").");
            }
            jars.forEach(jar -> entries.add(new ClasspathEntry(jar, Optional.empty(), "%jars " + call.args())));
        }
        sink.add(entries);
        return null;
    }

    Object classpath(MagicCall call) {
        List<String> paths = MagicArgs.split(call.args());
        if (paths.isEmpty()) {
            throw new UserError("%classpath needs at least one jar or folder, e.g. %classpath build/classes");
        }
        List<ClasspathEntry> entries = new ArrayList<>();
        for (String text : paths) {
            Path path = workingDirectory.resolve(text).normalize();
            if (!Files.exists(path)) {
                throw new UserError("%classpath " + text + ": " + path + " does not exist. Give an existing jar or folder.");
            }
            entries.add(new ClasspathEntry(path, Optional.empty(), "%classpath " + call.args()));
        }
        sink.add(entries);
        return null;
    }

    private List<Path> expand(String glob) throws IOException {
        if (!glob.contains("*") && !glob.contains("?") && !glob.contains("[") && !glob.contains("{")) {
            Path path = workingDirectory.resolve(glob).normalize();
            return Files.isRegularFile(path) && path.toString().endsWith(".jar") ? List.of(path) : List.of();
        }
        // Walk from the deepest folder that has no wildcard in it.
        Path pattern = workingDirectory.resolve(glob).normalize();
        Path base = pattern.getRoot();
        for (Path part : pattern) {
            if (part.toString().matches(".*[*?\\[{].*")) {
                break;
            }
            base = base == null ? part : base.resolve(part);
        }
        if (base == null || !Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.toString().replace("\\", "\\\\"));
        try (Stream<Path> files = Files.walk(base)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".jar"))
                    .filter(matcher::matches)
                    .sorted()
                    .toList();
        }
    }
}
