package org.labbook.context.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Describes classpath jars: Maven coordinates and SHA-256. A kernel's classpath holds a hundred jars and
 * rarely changes, so each jar is read once and remembered by path, modification time and size; a jar that
 * was rebuilt in place is read again. Thread-safe.
 */
public final class JarDigests {

    /** {@code .../repository/org/foo/bar/1.2/bar-1.2[-classifier].jar} in a local Maven repository. */
    private static final Pattern M2_LAYOUT = Pattern.compile(
            ".*/repository/(.+)/([^/]+)/([^/]+)/\\2-\\3(?:-[^/]+)?\\.jar$");
    private static final Pattern POM_PROPERTIES = Pattern.compile("META-INF/maven/[^/]+/[^/]+/pom\\.properties");

    private final Map<Key, ClasspathItem> cache = new ConcurrentHashMap<>();

    /** The description of one classpath element; {@code knownMaven} (from {@code %maven}) wins when present. */
    public ClasspathItem describe(Path path, Optional<String> knownMaven) {
        Path absolute = path.toAbsolutePath().normalize();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
        } catch (IOException e) {
            return new ClasspathItem(absolute.toString(), knownMaven, Optional.empty(), 0);
        }
        if (attributes.isDirectory()) {
            return new ClasspathItem(absolute.toString(), knownMaven, Optional.empty(), 0);
        }
        Key key = new Key(absolute, attributes.lastModifiedTime().toMillis(), attributes.size());
        ClasspathItem item = cache.computeIfAbsent(key, k -> read(k.path(), k.size()));
        return knownMaven.isPresent() ? new ClasspathItem(item.path(), knownMaven, item.sha256(), item.size()) : item;
    }

    /** How many jars were read so far (each read once per version of the file). */
    public int jarsRead() {
        return cache.size();
    }

    private static ClasspathItem read(Path jar, long size) {
        return new ClasspathItem(jar.toString(), coordinates(jar), sha256(jar), size);
    }

    static Optional<String> coordinates(Path jar) {
        String unixPath = jar.toString().replace('\\', '/');
        Matcher layout = M2_LAYOUT.matcher(unixPath);
        if (layout.matches()) {
            return Optional.of(layout.group(1).replace('/', '.') + ":" + layout.group(2) + ":" + layout.group(3));
        }
        return fromPomProperties(jar);
    }

    /** A jar built by Maven carries its coordinates; a shaded jar carries many, so its file name decides. */
    private static Optional<String> fromPomProperties(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<Properties> found = new java.util.ArrayList<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (POM_PROPERTIES.matcher(entry.getName()).matches()) {
                    Properties properties = new Properties();
                    try (InputStream in = zip.getInputStream(entry)) {
                        properties.load(in);
                    }
                    found.add(properties);
                }
            }
            String fileName = jar.getFileName().toString();
            return found.stream()
                    .filter(p -> found.size() == 1 || fileName.startsWith(p.getProperty("artifactId", "?") + "-"))
                    .map(p -> p.getProperty("groupId") + ":" + p.getProperty("artifactId") + ":" + p.getProperty("version"))
                    .filter(coordinates -> !coordinates.contains("null"))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not a zip, or unreadable: no coordinates, not an error
        }
    }

    private static Optional<String> sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return Optional.of(HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private record Key(Path path, long modified, long size) {
    }
}
