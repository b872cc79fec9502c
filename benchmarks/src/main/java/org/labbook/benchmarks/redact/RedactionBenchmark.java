package org.labbook.benchmarks.redact;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.labbook.tracking.redact.RedactionSettings;
import org.labbook.tracking.redact.Scrubber;
import org.labbook.tracking.redact.SecretValues;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What scrubbing a cell's output costs: 1 MB of a training log (steps, losses, token counts, a URL, a few
 * printed secrets) against 24 collected values of the lengths secrets have (passwords, tokens, keys).
 * {@code scrubOutput} is what a cell's stdout goes through; {@code scrubValuesOnly} the last pass over text
 * artifacts. Baselines from the same run: one {@code String.indexOf} scan of the same text for a string it
 * does not hold, and one copy of it; no scrubber can do less than read the text once.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.labbook.benchmarks.redact.RedactionBenchmarks}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RedactionBenchmark {

    static final int OUTPUT_CHARS = 1 << 20;

    private Scrubber scrubber;
    private String output;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        SecretValues values = new SecretValues();
        List<String> secrets = List.of("Hx7-env-pass-93kQ", "ghp_" + alnum(random, 36), "AKIAIOSFODNN7EXAMPLE",
                alnum(random, 40), "postgres-" + alnum(random, 12), "hunter2hunter2", "sk-proj-" + alnum(random, 40));
        secrets.forEach(values::add);
        for (int i = values.values().size(); i < 24; i++) {
            values.add(alnum(random, 8 + random.nextInt(40)));
        }
        scrubber = Scrubber.of(RedactionSettings.none(), values);
        StringBuilder text = new StringBuilder(OUTPUT_CHARS + 200);
        int step = 0;
        while (text.length() < OUTPUT_CHARS) {
            step++;
            text.append("epoch ").append(step / 500).append(" step ").append(step)
                    .append(" loss=").append(String.format("%.5f", 1.0 / step))
                    .append(" acc=").append(String.format("%.4f", 1 - 1.0 / step))
                    .append(" lr=0.0003 tokens: ").append(1024 + step % 97).append(" grad_norm=0.93\n");
            if (step % 1000 == 0) {
                text.append("saving checkpoint to s3://bucket/run-").append(step).append("/model.pt\n");
            }
            if (step % 5000 == 0) {
                text.append("connecting with ").append(secrets.get(step / 5000 % secrets.size())).append('\n');
            }
        }
        output = text.substring(0, OUTPUT_CHARS);
    }

    private static String alnum(Random random, int length) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(chars.charAt(random.nextInt(chars.length())));
        }
        return out.toString();
    }

    @Benchmark
    public String scrubOutput() {
        return scrubber.text(output);
    }

    @Benchmark
    public String scrubValuesOnly() {
        return scrubber.values(output);
    }

    @Benchmark
    public int indexOfBaseline() {
        return output.indexOf("no such text in the output");
    }

    @Benchmark
    public String copyBaseline() {
        return new StringBuilder(output).toString();
    }
}
