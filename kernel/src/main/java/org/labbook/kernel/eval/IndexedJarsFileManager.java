package org.labbook.kernel.eval;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * The compiler's view of the kernel's own jars, read from an index of their entries instead of javac's
 * archive file system.
 *
 * <p>Why: javac opens every jar on its class path as a zip file system and walks all of its entries before the
 * first snippet compiles. The kernel's jar holds about 33,000 entries (Tablesaw and fastutil, ICU, JGit…), so a
 * new kernel's first compilation spent a fifth of its time on that walk, on the way to the user's first result.
 * The index is built from the zip's central directory, which the JVM already read to load the kernel's classes,
 * on a thread of its own while JShell starts, and lists only class files, by package.
 *
 * <p>The kernel's jars are served from the index, in class-path order and ahead of every other entry, as they
 * were when they led the class path; directories and every jar added later (a {@code %maven} dependency, a
 * {@code %jars} path) stay with javac's own file manager. The multi-release parts of a jar are left out, as javac
 * leaves them out when no {@code --release} is given.
 */
final class IndexedJarsFileManager extends ForwardingJavaFileManager<StandardJavaFileManager>
        implements StandardJavaFileManager {
    private final Set<String> indexedPaths;
    /** Built on another thread while JShell starts; the first compilation waits for it. */
    private final CompletableFuture<Index> index;

    /** The open jars and, by package name, their class files in class-path order. */
    private record Index(List<ZipFile> jars, SortedMap<String, List<IndexedClass>> packages) {
    }

    private IndexedJarsFileManager(StandardJavaFileManager javac, Set<String> indexedPaths,
            CompletableFuture<Index> index) {
        super(javac);
        this.indexedPaths = indexedPaths;
        this.index = index;
    }

    /**
     * Serves the jars among {@code classpath} from an index; the other entries are given to {@code javac}'s file
     * manager as its class path.
     */
    static IndexedJarsFileManager over(StandardJavaFileManager javac, List<Path> classpath) {
        Set<String> indexedPaths = new LinkedHashSet<>();
        List<Path> jars = new ArrayList<>();
        List<File> others = new ArrayList<>();
        for (Path entry : classpath) {
            Path absolute = entry.toAbsolutePath();
            if (Files.isRegularFile(absolute) && indexedPaths.add(absolute.toString())) {
                jars.add(absolute);
            } else if (!Files.isRegularFile(absolute)) {
                others.add(absolute.toFile());
            }
        }
        try {
            javac.setLocation(StandardLocation.CLASS_PATH, others);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<Index> index = new CompletableFuture<>();
        Thread indexer = new Thread(() -> {
            try {
                index.complete(index(jars));
            } catch (Throwable e) {
                index.completeExceptionally(e);
            }
        }, "labbook-classpath-index");
        indexer.setDaemon(true);
        indexer.start();
        return new IndexedJarsFileManager(javac, indexedPaths, index);
    }

    private static Index index(List<Path> paths) {
        List<ZipFile> jars = new ArrayList<>();
        SortedMap<String, List<IndexedClass>> packages = new TreeMap<>();
        for (Path path : paths) {
            try {
                ZipFile zip = new ZipFile(path.toFile());
                jars.add(zip);
                index(zip, path, packages);
            } catch (IOException e) {
                // Not a readable zip: nothing in it could be compiled against, with or without the index.
            }
        }
        return new Index(jars, packages);
    }

    private Index index() {
        try {
            return index.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("could not index the kernel's jars: " + e.getCause(), e.getCause());
        }
    }

    private static void index(ZipFile zip, Path path, Map<String, List<IndexedClass>> packages) {
        String jarUri = "jar:" + path.toUri() + "!/";
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            String name = entry.getName();
            if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
                continue;
            }
            int slash = name.lastIndexOf('/');
            String packageName = slash < 0 ? "" : name.substring(0, slash).replace('/', '.');
            packages.computeIfAbsent(packageName, p -> new ArrayList<>())
                    .add(new IndexedClass(zip, entry, URI.create(jarUri + name), path));
        }
    }

    @Override
    public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
            boolean recurse) throws IOException {
        Iterable<JavaFileObject> javacs = super.list(location, packageName, kinds, recurse);
        if (location != StandardLocation.CLASS_PATH || !kinds.contains(JavaFileObject.Kind.CLASS)) {
            return javacs;
        }
        SortedMap<String, List<IndexedClass>> packages = index().packages();
        List<JavaFileObject> found = new ArrayList<>(packages.getOrDefault(packageName, List.of()));
        if (recurse) {
            String prefix = packageName.isEmpty() ? "" : packageName + ".";
            for (Map.Entry<String, List<IndexedClass>> p : packages.tailMap(prefix).entrySet()) {
                if (!p.getKey().startsWith(prefix)) {
                    break;
                }
                if (!p.getKey().equals(packageName)) {
                    found.addAll(p.getValue());
                }
            }
        }
        javacs.forEach(found::add);
        return found;
    }

    @Override
    public String inferBinaryName(Location location, JavaFileObject file) {
        if (file instanceof IndexedClass indexed) {
            return indexed.binaryName();
        }
        return super.inferBinaryName(location, file);
    }

    @Override
    public boolean hasLocation(Location location) {
        return location == StandardLocation.CLASS_PATH || super.hasLocation(location);
    }

    @Override
    public boolean contains(Location location, FileObject file) throws IOException {
        if (file instanceof IndexedClass) {
            return location == StandardLocation.CLASS_PATH;
        }
        return super.contains(location, file);
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
        if (a instanceof IndexedClass || b instanceof IndexedClass) {
            return a.toUri().equals(b.toUri());
        }
        return super.isSameFile(a, b);
    }

    /**
     * JShell hands every class path change over as a whole {@code -classpath} option (the JVM's class path, then
     * what was added); the kernel's jars are left out of it, since the index serves them.
     */
    @Override
    public boolean handleOption(String current, Iterator<String> remaining) {
        if (("-classpath".equals(current) || "--class-path".equals(current) || "-cp".equals(current))
                && remaining.hasNext()) {
            List<String> kept = new ArrayList<>();
            for (String element : remaining.next().split(File.pathSeparator)) {
                if (!element.isBlank() && !indexedPaths.contains(Path.of(element).toAbsolutePath().toString())) {
                    kept.add(element);
                }
            }
            return super.handleOption(current, List.of(String.join(File.pathSeparator, kept)).iterator());
        }
        return super.handleOption(current, remaining);
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            // An index that failed opened nothing that is still open.
            Index built = index.isCompletedExceptionally() ? null : index.join();
            if (built != null) {
                for (ZipFile jar : built.jars()) {
                    jar.close();
                }
            }
        }
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(Iterable<? extends File> files) {
        return fileManager.getJavaFileObjectsFromFiles(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(File... files) {
        return fileManager.getJavaFileObjects(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(Iterable<String> names) {
        return fileManager.getJavaFileObjectsFromStrings(names);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) {
        return fileManager.getJavaFileObjects(names);
    }

    @Override
    public void setLocation(Location location, Iterable<? extends File> files) throws IOException {
        fileManager.setLocation(location, files);
    }

    @Override
    public Iterable<? extends File> getLocation(Location location) {
        return fileManager.getLocation(location);
    }

    /** A class file inside one of the kernel's jars. */
    private record IndexedClass(ZipFile zip, ZipEntry entry, URI uri, Path jar) implements JavaFileObject {
        String binaryName() {
            String name = entry.getName();
            return name.substring(0, name.length() - ".class".length()).replace('/', '.');
        }

        @Override
        public Kind getKind() {
            return Kind.CLASS;
        }

        @Override
        public boolean isNameCompatible(String simpleName, Kind kind) {
            if (kind != Kind.CLASS) {
                return false;
            }
            String name = entry.getName();
            int start = name.lastIndexOf('/') + 1;
            return name.length() == start + simpleName.length() + ".class".length()
                    && name.startsWith(simpleName, start);
        }

        @Override
        public NestingKind getNestingKind() {
            return null;
        }

        @Override
        public Modifier getAccessLevel() {
            return null;
        }

        @Override
        public URI toUri() {
            return uri;
        }

        @Override
        public String getName() {
            // As javac names a class file inside a jar in its messages.
            return jar + "(" + entry.getName() + ")";
        }

        @Override
        public InputStream openInputStream() throws IOException {
            return zip.getInputStream(entry);
        }

        @Override
        public OutputStream openOutputStream() {
            throw new UnsupportedOperationException("the kernel's jars are read-only");
        }

        @Override
        public Reader openReader(boolean ignoreEncodingErrors) {
            throw new UnsupportedOperationException("a class file has no characters");
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            throw new UnsupportedOperationException("a class file has no characters");
        }

        @Override
        public Writer openWriter() {
            throw new UnsupportedOperationException("the kernel's jars are read-only");
        }

        @Override
        public long getLastModified() {
            return entry.getTime();
        }

        @Override
        public boolean delete() {
            return false;
        }

        @Override
        public String toString() {
            return getName();
        }
    }
}
