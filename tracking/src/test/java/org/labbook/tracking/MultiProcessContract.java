package org.labbook.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several JVMs sharing one store, as several kernels and CI jobs on one machine (or many machines) do.
 * Each child is a real process started with this test's classpath running {@link LoggingChild}. A
 * backend's test extends this class and names a fresh store; nothing here knows which backend it is.
 */
public abstract class MultiProcessContract {
    private static final int PROCESSES = 8;

    @TempDir
    protected Path tempDir;

    /** A URI for a new, empty store of the backend under test; {@code name} tells the tests' stores apart. */
    protected abstract String newStoreUri(Path tempDir, String name);

    /** Asserts that the store's schema was created exactly once, with one row per version. */
    protected abstract void assertOneSchema(String storeUri) throws Exception;

    @Test
    void eightProcessesLoggingAtOnceLoseNothingAndSurfaceNoError() throws Exception {
        // Eight JVMs are more than the cores of a small machine: a write may be reported slow, and then stored.
        assertProcessesLoggingAtOnceLoseNothing(PROCESSES, 50_000, 100, true);
    }

    /**
     * Starts {@code processes} JVMs that each log {@code params} params and {@code points} points to a run
     * of their own in one new store, all released at once, and checks each run holds exactly what its
     * process logged and no process wrote anything on standard error. A backend that serves more clients
     * than the eight of the contract calls it with its own count.
     *
     * @param slowWritesReported whether a process may report a slow write and its recovery (one line
     *     each, and nothing else): with more processes than cores, a write can wait past the writer's stall
     *     limit for CPU alone, and saying so is the writer's job, not an error
     */
    protected final void assertProcessesLoggingAtOnceLoseNothing(int processes, int points, int params,
                                                                 boolean slowWritesReported) throws Exception {
        String store = newStoreUri(tempDir, "store-" + processes);
        List<Process> children = startAll(processes, "log", store, String.valueOf(points), String.valueOf(params));
        List<String> runIds = new ArrayList<>();
        for (Process child : children) {
            String output = finish(child, slowWritesReported);
            assertThat(output).startsWith("DONE ");
            runIds.add(output.substring(5).strip());
        }
        if (slowWritesReported) {
            assertOnlySlowWriteReports();
        }
        assertThat(runIds).doesNotHaveDuplicates().hasSize(processes);
        TrackerOptions options = TrackerOptions.defaults().withShutdownHook(false);
        try (Tracker tracker = Labbook.open(store, options)) {
            for (String runId : runIds) {
                RunDetails run = tracker.details(runId);
                assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
                assertThat(run.params()).hasSize(params);
                assertThat(run.metrics().get("loss").count()).isEqualTo(points);
                List<MetricPoint> history = tracker.history(runId, "loss");
                assertThat(history).hasSize(points);
                for (int i = 0; i < points; i++) {
                    assertThat(history.get(i).step()).isEqualTo(i);
                }
                assertThat(history.get(points - 1).value()).isEqualTo((points - 1) * 0.5);
            }
        }
    }

    @Test
    void eightProcessesCreatingANewStoreAtOnceMakeOneSchema() throws Exception {
        String store = newStoreUri(tempDir, "fresh");
        List<Process> children = startAll(PROCESSES, "open", store);
        for (Process child : children) {
            assertThat(finish(child)).startsWith("OPENED");
        }
        assertOneSchema(store);
    }

    @Test
    void processKilledWhileLoggingKeepsWhatItFlushedAndItsRunReadsCrashed() throws Exception {
        String store = newStoreUri(tempDir, "crash");
        Path barrier = Files.createDirectories(tempDir.resolve("barrier-crash"));
        Process child = start("crash", store, barrier, "0");
        Files.createFile(barrier.resolve("go"));
        String runId = null;
        long flushed = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (int lines = 0; lines < 5; lines++) {
                String line = out.readLine();
                assertThat(line).as("child output; stderr: %s", stderrOf(child)).startsWith("FLUSHED ");
                String[] parts = line.split(" ");
                runId = parts[1];
                flushed = Long.parseLong(parts[2]);
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        TrackerOptions options = TrackerOptions.defaults().withShutdownHook(false)
                .withHeartbeat(Duration.ofMillis(100), Duration.ofMillis(1500));
        try (Tracker tracker = Labbook.open(store, options)) {
            MetricSummary loss = tracker.metricSummaries(runId).get("loss");
            assertThat(loss.count()).isGreaterThanOrEqualTo(flushed);
            List<MetricPoint> points = tracker.history(runId, "loss");
            for (int i = 0; i < points.size(); i++) {
                assertThat(points.get(i).step()).isEqualTo(i);
            }
            Instant deadline = Instant.now().plusSeconds(30);
            while (tracker.details(runId).status() != RunStatus.CRASHED && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(tracker.details(runId).status()).isEqualTo(RunStatus.CRASHED);
            assertThat(tracker.runs(RunQuery.inExperiment("crash").filter("attributes.status = 'CRASHED'")).runs())
                    .extracting(RunDetails::id).containsExactly(runId);
        }
    }

    // ---- process plumbing ----------------------------------------------------------------------------

    private List<Process> startAll(int processes, String mode, String store, String... extra)
            throws IOException, InterruptedException {
        Path barrier = Files.createDirectories(tempDir.resolve("barrier-" + mode + "-" + processes));
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            children.add(start(mode, store, barrier, String.valueOf(i), extra));
        }
        // Release them together once every JVM is up, so they really hit the store at once.
        Instant deadline = Instant.now().plusSeconds(120);
        while (countReady(barrier) < processes) {
            for (Process child : children) {
                assertThat(child.isAlive()).as("child died early: %s", stderrOf(child)).isTrue();
            }
            assertThat(Instant.now()).as("children did not start in time").isBefore(deadline);
            Thread.sleep(20);
        }
        Files.createFile(barrier.resolve("go"));
        return children;
    }

    private static long countReady(Path barrier) throws IOException {
        try (var files = Files.list(barrier)) {
            return files.filter(p -> p.getFileName().toString().startsWith("ready-")).count();
        }
    }

    private Process start(String mode, String store, Path barrier, String id, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                LoggingChild.class.getName(), mode, store, barrier.toString(), id));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command)
                .redirectError(tempDir.resolve("stderr-" + mode + "-" + id + ".txt").toFile())
                .start();
    }

    private String finish(Process child) throws IOException, InterruptedException {
        return finish(child, false);
    }

    private String finish(Process child, boolean slowWritesReported) throws IOException, InterruptedException {
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("exit code; stderr: %s", stderrOf(child)).isZero();
        if (!slowWritesReported) {
            assertThat(stderrOf(child)).as("nothing on stderr").isBlank();
        }
        return output;
    }

    /**
     * Once every child has ended: their standard error holds only pairs of "a metric write has not
     * returned" and "metrics are stored again; all N points stored", and no other line.
     */
    private void assertOnlySlowWriteReports() throws IOException {
        try (var files = Files.list(tempDir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().startsWith("stderr-")).toList()) {
                String stderr = Files.readString(file);
                List<String> lines = stderr.lines().filter(line -> !line.isBlank()).toList();
                long stalls = lines.stream().filter(line -> line.startsWith("labbook: a metric write to ")
                        && line.contains(" has not returned for ")).count();
                long recoveries = lines.stream().filter(line -> line.startsWith("labbook: metrics are stored in ")
                        && line.contains(" points that waited meanwhile are stored.")).count();
                assertThat(stalls + recoveries).as("only slow-write reports in %s: %s", file.getFileName(), stderr)
                        .isEqualTo(lines.size());
                assertThat(recoveries).as("every slow write recovered in %s: %s", file.getFileName(), stderr)
                        .isEqualTo(stalls);
            }
        }
    }

    private String stderrOf(Process child) {
        try (var files = Files.list(tempDir)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(p -> p.getFileName().toString().startsWith("stderr-")).toList()) {
                String text = Files.readString(file);
                if (!text.isBlank()) {
                    all.append(file.getFileName()).append(": ").append(text).append('\n');
                }
            }
            return all.toString();
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

}
