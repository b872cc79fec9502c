package org.labbook.benchmarks.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.labbook.tracking.sweep.Sampler;
import org.labbook.tracking.sweep.Space;
import org.labbook.tracking.sweep.Strategy;
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
 * A strategy's own cost to propose the next trial of a sweep with 1,000 finished trials over 6 parameters
 * (two log-uniform, one uniform, one integer range, two choices): TPE, which fits two Parzen estimators
 * per parameter and scores 24 candidates, against random, which only draws, in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SuggestBenchmark {
    static final Space SPACE = Space.of(Space.logUniform("lr", 1e-5, 1e-1), Space.logUniform("l2", 1e-6, 1e-2),
            Space.uniform("dropout", 0.0, 0.5), Space.intRange("layers", 1, 8),
            Space.choice("batch", 16, 32, 64, 128), Space.choice("optimizer", "adam", "sgd", "rmsprop"));

    private final Sampler tpe = Sampler.of(Strategy.tpe());
    private final Sampler random = Sampler.of(Strategy.random());
    private List<Sampler.Observation> finished;
    private int proposal;

    @Setup(Level.Trial)
    public void finishedTrials() {
        // 1,000 trials drawn at random with a smooth loss, as a sweep's history would hold them.
        finished = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            Map<String, Object> config = random.suggest(SPACE, i, List.of(), new SplittableRandom(i));
            double loss = Math.pow(Math.log10((Double) config.get("lr")) + 3, 2) + (Double) config.get("dropout")
                    + Math.abs((Long) config.get("layers") - 3) * 0.1 + ((Long) config.get("batch")) / 1000.0;
            finished.add(new Sampler.Observation(i, config, loss));
        }
    }

    @Benchmark
    public Map<String, Object> tpeSuggest() {
        return tpe.suggest(SPACE, 1_000, finished, new SplittableRandom(proposal++));
    }

    @Benchmark
    public Map<String, Object> randomSuggest() {
        return random.suggest(SPACE, 1_000, finished, new SplittableRandom(proposal++));
    }
}
