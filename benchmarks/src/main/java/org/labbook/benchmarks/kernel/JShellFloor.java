package org.labbook.benchmarks.kernel;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/**
 * The floor under a kernel's round trip: the benchmark's snippets evaluated by JShell in this JVM with the
 * local execution engine, as the kernel does, but with no protocol, no sockets and no rendering. Whatever
 * a kernel's round trip adds on top of these figures is the kernel's own overhead.
 *
 * <p>Prints {@code ready} on stderr as soon as JShell has evaluated its first snippet (so a caller can time
 * JVM start-up plus JShell start-up from outside), then one JSON object on stdout: start-up inside the JVM
 * (building JShell and its first evaluation) and, per snippet, the median and 90th percentile of
 * {@code JShell.eval} in milliseconds after a warm-up.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.labbook.benchmarks.kernel.JShellFloor [CELLS [WARMUP]]}
 */
public final class JShellFloor {

    /** A named snippet and the stdout it must produce, so a broken evaluation cannot pass as a fast one. */
    record Case(String name, String source, String expectedValue, String expectedStdout) {
    }

    /** The same snippets benchmarks/kernel/roundtrip.py sends to the kernel. */
    static final List<Case> CASES = List.of(
            new Case("expression", "1 + 1", "2", ""),
            new Case("println", "System.out.println(\"x\");", null, "x\n"));

    record Timing(String name, double medianMillis, double p90Millis, int samples) {
    }

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    public static void main(String[] args) throws Exception {
        int cells = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        PrintStream report = System.out;
        // Snippets run in this JVM, so their System.out is ours: send it to a buffer (as a kernel captures a
        // cell's output) and keep the real stdout for the report.
        JShellFloor floor = new JShellFloor();
        System.setOut(new PrintStream(floor.captured, true, StandardCharsets.UTF_8));
        try {
            report.println(floor.measure(cells, warmup));
        } finally {
            System.setOut(report);
        }
    }

    private String measure(int cells, int warmup) {
        long started = System.nanoTime();
        try (JShell jshell = JShell.builder().executionEngine("local").build()) {
            evaluate(jshell, CASES.get(0));
            double startupMillis = millisSince(started);
            System.err.println("ready");

            for (int i = 0; i < warmup; i++) {
                for (Case c : CASES) {
                    evaluate(jshell, c);
                }
            }
            List<Timing> timings = new ArrayList<>();
            for (Case c : CASES) {
                double[] samples = new double[cells];
                for (int i = 0; i < cells; i++) {
                    long t0 = System.nanoTime();
                    evaluate(jshell, c);
                    samples[i] = millisSince(t0);
                }
                timings.add(summarize(c.name(), samples));
            }
            return toJson(startupMillis, timings);
        }
    }

    /** Evaluates one snippet and checks its value and output; a wrong answer aborts the benchmark. */
    private void evaluate(JShell jshell, Case c) {
        captured.reset();
        List<SnippetEvent> events = jshell.eval(c.source());
        SnippetEvent last = events.get(events.size() - 1);
        if (last.status() != Snippet.Status.VALID || last.exception() != null) {
            throw new IllegalStateException("'" + c.source() + "' did not evaluate: " + last);
        }
        String stdout = captured.toString(StandardCharsets.UTF_8);
        boolean valueOk = c.expectedValue() == null || c.expectedValue().equals(last.value());
        if (!valueOk || !stdout.equals(c.expectedStdout())) {
            throw new IllegalStateException("'" + c.source() + "' gave value " + last.value() + " and stdout '"
                    + stdout + "'");
        }
    }

    static Timing summarize(String name, double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        // Nearest-rank percentile, the same definition roundtrip.py uses.
        double p90 = sorted[(int) Math.ceil(0.9 * n) - 1];
        return new Timing(name, median, p90, n);
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static String toJson(double startupMillis, List<Timing> timings) {
        StringBuilder json = new StringBuilder();
        json.append(String.format(Locale.ROOT, "{\"java\": \"%s\", \"startup_ms\": %.3f",
                Runtime.version(), startupMillis));
        for (Timing t : timings) {
            json.append(String.format(Locale.ROOT, ", \"%s\": {\"median_ms\": %.3f, \"p90_ms\": %.3f, \"samples\": %d}",
                    t.name(), t.medianMillis(), t.p90Millis(), t.samples()));
        }
        return json.append('}').toString();
    }
}
