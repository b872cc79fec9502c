package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read that ends in an {@link Error}, not an exception, must still leave its connection usable: a
 * connection handed back inside an open transaction made every later read of the process fail.
 */
class ReadAfterErrorTest {
    @TempDir
    Path tempDir;

    @Test
    void readsWorkAgainAfterAReadRanOutOfMemory() throws Exception {
        Process child = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                ReadAfterErrorChild.class.getName(), tempDir.resolve("store").toString(), "3000000"))
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("child output").contains("OUT OF MEMORY").contains("STATUS FINISHED")
                .contains("HISTORY READ").doesNotContain("transaction within a transaction");
        assertThat(child.exitValue()).as("child output: %s", output).isZero();
    }
}
