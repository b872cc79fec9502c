package org.labbook.tracking.sweep;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The engine of a {@link Strategy}: proposes a configuration from the trials so far, deterministically for
 * a given random source and history. {@link Sweep} drives it through the store; it is public so that a
 * strategy's own cost can be measured, and a proposal reproduced, without one.
 */
public interface Sampler {

    /**
     * A finished trial as the samplers see it.
     *
     * @param loss the objective as a loss (smaller is better), finite
     */
    record Observation(int number, Map<String, Object> config, double loss) {
    }

    /**
     * @param proposal how many configurations the strategy proposed before this one (re-queued repeats
     *     excluded): the grid's index
     */
    Map<String, Object> suggest(Space space, int proposal, List<Observation> finished, SplittableRandom random);

    /** The sampler of a strategy. */
    static Sampler of(Strategy strategy) {
        return switch (strategy.kind()) {
            case GRID -> new GridSampler(strategy.gridPoints());
            case RANDOM -> new RandomSampler();
            case TPE -> new TpeSampler();
        };
    }
}
