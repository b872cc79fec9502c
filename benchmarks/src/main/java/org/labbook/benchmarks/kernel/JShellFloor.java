package org.labbook.benchmarks.kernel;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/**
 * The floor under a kernel's round trip: the benchmark's snippets evaluated by JShell in this JVM with the
 * local execution engine, as the kernel does, but with no protocol, no sockets and no rendering. Whatever
 * a kernel's round trip adds on top of these figures is the kernel's own overhead.
 *
 * <p>Driven one snippet at a time, so the benchmark can alternate between this process and the kernel it
 * measures: both then see the same moments of a shared, noisy machine. Builds JShell, evaluates a first
 * snippet and prints {@code ready} on stderr (a caller times JVM plus JShell start-up from outside); then,
 * for every case name read from stdin, evaluates that snippet, checks its answer and prints the time
 * {@code JShell.eval} took in milliseconds on stdout. Ends at the end of stdin.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.labbook.benchmarks.kernel.JShellFloor < names}
 */
public final class JShellFloor {

    /** A named snippet and the stdout it must produce, so a broken evaluation cannot pass as a fast one. */
    record Case(String name, String source, String expectedValue, String expectedStdout) {
    }

    /** The same snippets benchmarks/kernel/roundtrip.py sends to the kernel. */
    static final Map<String, Case> CASES = Map.of(
            "expression", new Case("expression", "1 + 1", "2", ""),
            "println", new Case("println", "System.out.println(\"x\");", null, "x\n"));

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    public static void main(String[] args) throws IOException {
        PrintStream report = System.out;
        // Snippets run in this JVM, so their System.out is ours: send it to a buffer (as a kernel captures a
        // cell's output) and keep the real stdout for the report.
        JShellFloor floor = new JShellFloor();
        System.setOut(new PrintStream(floor.captured, true, StandardCharsets.UTF_8));
        try (JShell jshell = JShell.builder().executionEngine("local").build()) {
            floor.evaluate(jshell, CASES.get("expression"));
            System.err.println("ready");
            BufferedReader names = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String name; (name = names.readLine()) != null; ) {
                Case c = CASES.get(name.strip());
                if (c == null) {
                    throw new IllegalArgumentException("unknown case '" + name + "'; known: " + CASES.keySet());
                }
                long started = System.nanoTime();
                floor.evaluate(jshell, c);
                report.printf(Locale.ROOT, "%.3f%n", (System.nanoTime() - started) / 1e6);
                report.flush();
            }
        } finally {
            System.setOut(report);
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
}
