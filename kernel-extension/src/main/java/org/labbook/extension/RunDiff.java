package org.labbook.extension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.labbook.context.capture.ClasspathItem;
import org.labbook.context.capture.CodeVersion;
import org.labbook.context.capture.EnvironmentInfo;
import org.labbook.extension.snapshot.CellRecord;
import org.labbook.extension.snapshot.SessionSnapshot;
import org.labbook.tracking.DatasetInput;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.Tracker;

/** What differs between two runs, as text: params, code cell by cell, code version, environment, datasets. */
final class RunDiff {

    private RunDiff() {
    }

    static String between(Tracker tracker, RunDetails a, RunDetails b) {
        StringBuilder out = new StringBuilder("Differences between run '" + a.name() + "' (A) and run '" + b.name()
                + "' (B)\n");
        section(out, "Params", mapDiff(a.params(), b.params()));
        section(out, "Code (the session's cells, in execution order)", cellsDiff(
                RunArtifacts.session(tracker, a.id()), RunArtifacts.session(tracker, b.id())));
        section(out, "Code version", codeDiff(RunArtifacts.codeVersion(tracker, a.id()),
                RunArtifacts.codeVersion(tracker, b.id())));
        section(out, "Environment", environmentDiff(RunArtifacts.environment(tracker, a.id()),
                RunArtifacts.environment(tracker, b.id())));
        section(out, "Datasets", mapDiff(datasets(tracker, a.id()), datasets(tracker, b.id())));
        section(out, "CI job", mapDiff(ciTags(a), ciTags(b)));
        return out.toString();
    }

    /** The {@code ci.*} tags the run context recorded, when the run came from a CI job. */
    private static Map<String, String> ciTags(RunDetails run) {
        Map<String, String> tags = new TreeMap<>();
        run.tags().forEach((key, value) -> {
            if (key.startsWith("ci.")) {
                tags.put(key.substring("ci.".length()), value);
            }
        });
        return tags;
    }

    private static void section(StringBuilder out, String title, String body) {
        out.append("\n== ").append(title).append(" ==\n").append(body.isEmpty() ? "(same)\n" : body);
    }

    /** Keys whose values differ, or that only one side has. */
    static String mapDiff(Map<String, String> a, Map<String, String> b) {
        StringBuilder out = new StringBuilder();
        for (String key : new TreeSet<>(union(a, b))) {
            String left = a.get(key);
            String right = b.get(key);
            if (!Objects.equals(left, right)) {
                out.append("  ").append(key).append(": ").append(left == null ? "(none)" : left).append(" -> ")
                        .append(right == null ? "(none)" : right).append('\n');
            }
        }
        return out.toString();
    }

    private static java.util.Set<String> union(Map<String, String> a, Map<String, String> b) {
        java.util.Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    /** A unified diff of the two sessions' sources, one cell after another with a header line per cell. */
    static String cellsDiff(Optional<SessionSnapshot> a, Optional<SessionSnapshot> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty() ? "" : "  only run " + (a.isPresent() ? "A" : "B")
                    + " has a session snapshot\n";
        }
        String left = script(a.get());
        String right = script(b.get());
        return left.equals(right) ? "" : unified(left, right);
    }

    private static String script(SessionSnapshot session) {
        StringBuilder out = new StringBuilder();
        for (CellRecord cell : session.cells()) {
            out.append("# In [").append(cell.executionCount()).append("]\n").append(cell.source());
            if (!cell.source().endsWith("\n")) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    static String unified(String left, String right) {
        RawText a = new RawText(left.getBytes(StandardCharsets.UTF_8));
        RawText b = new RawText(right.getBytes(StandardCharsets.UTF_8));
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(bytes)) {
            formatter.setContext(2);
            bytes.write("--- A\n+++ B\n".getBytes(StandardCharsets.UTF_8));
            formatter.format(edits, a, b);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String codeDiff(Optional<CodeVersion> a, Optional<CodeVersion> b) {
        return mapDiff(a.map(RunDiff::codeFacts).orElse(Map.of()), b.map(RunDiff::codeFacts).orElse(Map.of()));
    }

    private static Map<String, String> codeFacts(CodeVersion version) {
        Map<String, String> facts = new TreeMap<>();
        facts.put("commit", version.commit());
        facts.put("branch", version.branch());
        facts.put("remote", version.remoteUrl());
        facts.put("dirty", String.valueOf(version.dirty()));
        facts.put("uncommitted diff", version.diff().isEmpty() ? "(none)" : version.diff().length() + " characters, hash " + Integer.toHexString(version.diff().hashCode()));
        return facts;
    }

    private static String environmentDiff(Optional<EnvironmentInfo> a, Optional<EnvironmentInfo> b) {
        return mapDiff(a.map(RunDiff::environmentFacts).orElse(Map.of()),
                b.map(RunDiff::environmentFacts).orElse(Map.of()));
    }

    private static Map<String, String> environmentFacts(EnvironmentInfo env) {
        Map<String, String> facts = new TreeMap<>();
        facts.put("java", env.javaVersion() + " (" + env.javaVendor() + ", " + env.javaVm() + ")");
        facts.put("os", env.os() + " " + env.arch());
        facts.put("cpus", String.valueOf(env.cpus()));
        facts.put("max heap", String.valueOf(env.maxHeapBytes()));
        facts.put("host", env.hostName());
        facts.put("kernel", env.kernelVersion());
        facts.put("gpus", env.gpus().stream().map(g -> g.name() + " " + g.memoryTotal()).collect(Collectors.joining(", ")));
        env.environment().forEach((name, value) -> facts.put("env " + name, value));
        // Jars by coordinates when known (a version change reads as such), else by file name; digest as value.
        for (ClasspathItem item : env.classpath()) {
            String name = item.maven().map(m -> m.substring(0, m.lastIndexOf(':') < 0 ? m.length() : m.lastIndexOf(':')))
                    .orElse(java.nio.file.Path.of(item.path()).getFileName().toString());
            facts.put("jar " + name, item.maven().map(m -> m.substring(m.lastIndexOf(':') + 1) + " ").orElse("")
                    + item.sha256().map(s -> s.substring(0, 12)).orElse("(folder)"));
        }
        return facts;
    }

    private static Map<String, String> datasets(Tracker tracker, String runId) {
        List<DatasetInput> inputs = tracker.datasets(runId);
        return inputs.stream().collect(Collectors.toMap(DatasetInput::name,
                d -> d.sha256().substring(0, Math.min(12, d.sha256().length())) + " (" + d.location() + ")",
                (x, y) -> y, TreeMap::new));
    }
}
