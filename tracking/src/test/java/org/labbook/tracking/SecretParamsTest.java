package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.tracking.redact.Scrubber;

/** A collected secret value logged as a param, tag or note is stored as the marker; ordinary values stay. */
class SecretParamsTest {
    private static final TrackerOptions OPTIONS = TrackerOptions.defaults().withShutdownHook(false)
            .withSystemMetricsInterval(Duration.ZERO).withContextDisabled(Set.of("all"));

    @TempDir
    Path tempDir;

    @Test
    void collectedSecretValuesNeverReachParamsTagsOrNotes() throws Exception {
        String secret = "pw-" + UUID.randomUUID();
        Scrubber.standard().values().add(secret);
        String id;
        try (Tracker tracker = Labbook.open("sqlite:" + tempDir.resolve("store"), OPTIONS)) {
            try (Run run = tracker.start("secrets", "params")) {
                id = run.id();
                run.param("db_password", secret);
                run.params(Map.of("conn", "postgresql://app:" + secret + "@db/prod", "max_tokens", 512));
                run.tag("note-tag", "uses " + secret);
                run.tags(Map.of("other", secret));
                run.note("logged in with " + secret);
                run.end(RunStatus.FINISHED);
            }
            tracker.tag(id, "later", secret);
            tracker.note(id, "again " + secret);

            RunDetails details = tracker.details(id);
            assertThat(details.params()).containsEntry("db_password", Scrubber.MARKER)
                    .containsEntry("max_tokens", "512");
            assertThat(details.params().get("conn")).startsWith("postgresql://app:").doesNotContain(secret);
            assertThat(details.tags()).containsEntry("other", Scrubber.MARKER).containsEntry("later", Scrubber.MARKER);
            assertThat(details.tags().get("note-tag")).isEqualTo("uses " + Scrubber.MARKER);
            assertThat(tracker.notes(id)).extracting(Note::text)
                    .containsExactly("logged in with " + Scrubber.MARKER, "again " + Scrubber.MARKER);
        }
        byte[] needle = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(tempDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(indexOf(Files.readAllBytes(file), needle)).as(file.toString()).isNegative();
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
