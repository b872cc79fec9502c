package org.labbook.tracking.sweep;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Proposes a configuration from the trials so far. Deterministic for a given random source and history. */
interface Sampler {

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

    static Sampler of(Strategy strategy) {
        return switch (strategy.kind()) {
            case GRID -> new GridSampler(strategy.gridPoints());
            case RANDOM -> new RandomSampler();
            case TPE -> new TpeSampler();
        };
    }
}
