package org.labbook.tracking.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Each parameter drawn independently and uniformly (in its logarithm for log ranges). */
final class RandomSampler implements Sampler {

    @Override
    public Map<String, Object> suggest(Space space, int proposal, List<Observation> finished, SplittableRandom random) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (Dimension d : space.dimensions()) {
            config.put(d.name(), draw(d, random));
        }
        return config;
    }

    static Object draw(Dimension d, SplittableRandom random) {
        if (d instanceof Dimension.FloatRange f) {
            if (f.low() == f.high()) {
                return f.low();
            }
            if (f.log()) {
                double x = Math.exp(Math.log(f.low()) + random.nextDouble() * (Math.log(f.high()) - Math.log(f.low())));
                return Math.min(f.high(), Math.max(f.low(), x));
            }
            return f.low() + random.nextDouble() * (f.high() - f.low());
        }
        if (d instanceof Dimension.IntRange i) {
            // Drawn as an offset so that a range spanning most of the long values does not overflow.
            long span = i.high() - i.low();
            if (span < 0 || span == Long.MAX_VALUE) {
                return i.low() + (random.nextLong() & Long.MAX_VALUE) % Math.max(1, span);
            }
            return i.low() + random.nextLong(span + 1);
        }
        Dimension.Choice c = (Dimension.Choice) d;
        return c.values().get(random.nextInt(c.values().size()));
    }
}
