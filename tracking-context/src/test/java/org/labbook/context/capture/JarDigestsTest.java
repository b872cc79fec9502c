package org.labbook.context.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarDigestsTest {

    @TempDir
    Path dir;

    @Test
    void jarBuiltByMavenIsDescribedByItsPomPropertiesAndItsDigest() throws Exception {
        Path jar = jar(dir.resolve("lib/widgets-2.1.jar"), "com.example", "widgets", "2.1");
        ClasspathItem item = new JarDigests().describe(jar, Optional.empty());
        assertThat(item.maven()).contains("com.example:widgets:2.1");
        assertThat(item.sha256()).contains(sha256(jar));
        assertThat(item.size()).isEqualTo(Files.size(jar));
    }

    @Test
    void jarInALocalMavenRepositoryIsNamedByItsPath() throws Exception {
        Path jar = jar(dir.resolve("repository/org/acme/tools/util/3.0-rc1/util-3.0-rc1-sources.jar"), null, null, null);
        assertThat(new JarDigests().describe(jar, Optional.empty()).maven()).contains("org.acme.tools:util:3.0-rc1");
    }

    @Test
    void coordinatesFromMavenMagicWinOverWhatTheJarSays() throws Exception {
        Path jar = jar(dir.resolve("x.jar"), "a", "b", "1");
        assertThat(new JarDigests().describe(jar, Optional.of("g:x:9")).maven()).contains("g:x:9");
    }

    @Test
    void eachJarIsReadOnceUntilItChangesOnDisk() throws Exception {
        JarDigests digests = new JarDigests();
        Path jar = jar(dir.resolve("model-1.0.jar"), "m", "model", "1.0");
        String first = digests.describe(jar, Optional.empty()).sha256().orElseThrow();
        digests.describe(jar, Optional.empty());
        assertThat(digests.jarsRead()).isEqualTo(1);

        jar(jar, "m", "model", "1.0-changed");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        String second = digests.describe(jar, Optional.empty()).sha256().orElseThrow();
        assertThat(digests.jarsRead()).isEqualTo(2);
        assertThat(second).isNotEqualTo(first).isEqualTo(sha256(jar));
    }

    @Test
    void foldersAndMissingFilesHaveNoDigestAndAreNotErrors() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JarDigests digests = new JarDigests();
        assertThat(digests.describe(classes, Optional.empty()).sha256()).isEmpty();
        assertThat(digests.describe(dir.resolve("gone.jar"), Optional.empty()).sha256()).isEmpty();
    }

    @Test
    void aFileThatIsNotAZipHasADigestButNoCoordinates() throws Exception {
        Path notZip = Files.writeString(dir.resolve("garbage.jar"), "not a zip");
        ClasspathItem item = new JarDigests().describe(notZip, Optional.empty());
        assertThat(item.maven()).isEmpty();
        assertThat(item.sha256()).contains(sha256(notZip));
    }

    static Path jar(Path path, String group, String artifact, String version) throws IOException {
        Files.createDirectories(path.getParent());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(path))) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\n".getBytes());
            if (group != null) {
                zip.putNextEntry(new ZipEntry("META-INF/maven/" + group + "/" + artifact + "/pom.properties"));
                zip.write(("groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n").getBytes());
            }
        }
        return path;
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
