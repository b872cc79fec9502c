package org.labbook.tracking.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio and Kégl, "Algorithms for
 * Hyper-Parameter Optimization", NIPS 2011), univariate as in its paper and in Optuna's default sampler.
 *
 * <p>The finished trials are split by loss into the best few ({@code below}, the {@link #gamma} of them)
 * and the rest ({@code above}). For each parameter, a Parzen estimator (a mixture of truncated
 * Gaussians, one per observation, plus a broad prior) is fitted to each group: {@code l(x)} over the good
 * values, {@code g(x)} over the others. Candidates are drawn from {@code l} and the one with the largest
 * {@code l(x) / g(x)} is proposed, which maximizes the expected improvement under the model. Choices get
 * a categorical estimator: observed frequencies plus a uniform prior.
 *
 * <p>Until {@link #STARTUP_TRIALS} trials have finished there is nothing to learn from, and proposals are
 * random. Everything random comes from the given source, so a seed reproduces the proposals.
 */
final class TpeSampler implements Sampler {
    /** Finished trials before the model is used (Optuna's default). */
    static final int STARTUP_TRIALS = 10;
    /** Candidates drawn from l(x) per parameter (the paper's and Optuna's 24). */
    static final int CANDIDATES = 24;
    /** Weight of the prior component, relative to one observation. */
    static final double PRIOR_WEIGHT = 1.0;
    /** The newest this many observations weigh fully; older ones ramp down (Optuna's default weights). */
    static final int FULL_WEIGHT_WINDOW = 25;

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    @Override
    public Map<String, Object> suggest(Space space, int proposal, List<Observation> finished, SplittableRandom random) {
        if (finished.size() < STARTUP_TRIALS) {
            return new RandomSampler().suggest(space, proposal, finished, random);
        }
        List<Observation> sorted = new ArrayList<>(finished);
        sorted.sort(Comparator.comparingDouble(Observation::loss).thenComparingInt(Observation::number));
        int nBelow = gamma(sorted.size());
        List<Observation> below = byNumber(sorted.subList(0, nBelow));
        List<Observation> above = byNumber(sorted.subList(nBelow, sorted.size()));
        double[] belowWeights = weights(below.size());
        double[] aboveWeights = weights(above.size());
        Map<String, Object> config = new LinkedHashMap<>();
        for (Dimension d : space.dimensions()) {
            if (d instanceof Dimension.Choice c) {
                config.put(d.name(), suggestChoice(c, below, belowWeights, above, aboveWeights, random));
            } else {
                config.put(d.name(), suggestNumber(d, below, belowWeights, above, aboveWeights, random));
            }
        }
        return config;
    }

    /** How many of n trials count as good: 10 %, rounded up, at most 25 (Optuna's default gamma). */
    static int gamma(int n) {
        return Math.min((int) Math.ceil(0.1 * n), 25);
    }

    private static List<Observation> byNumber(List<Observation> group) {
        List<Observation> copy = new ArrayList<>(group);
        copy.sort(Comparator.comparingInt(Observation::number));
        return copy;
    }

    /** Older observations weigh less once there are many: a linear ramp up to the newest window. */
    static double[] weights(int n) {
        double[] w = new double[n];
        if (n <= FULL_WEIGHT_WINDOW) {
            java.util.Arrays.fill(w, 1.0);
            return w;
        }
        int ramp = n - FULL_WEIGHT_WINDOW;
        for (int i = 0; i < n; i++) {
            w[i] = i < ramp ? (ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1)) : 1.0;
        }
        return w;
    }

    // ---- choices -------------------------------------------------------------------------------------

    private static Object suggestChoice(Dimension.Choice c, List<Observation> below, double[] bw,
                                        List<Observation> above, double[] aw, SplittableRandom random) {
        double[] l = categorical(c, below, bw);
        double[] g = categorical(c, above, aw);
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < CANDIDATES; k++) {
            int index = pick(l, random);
            double score = Math.log(l[index]) - Math.log(g[index]);
            if (score > bestScore) {
                bestScore = score;
                best = index;
            }
        }
        return c.values().get(best);
    }

    private static double[] categorical(Dimension.Choice c, List<Observation> group, double[] weights) {
        int k = c.values().size();
        double[] p = new double[k];
        java.util.Arrays.fill(p, PRIOR_WEIGHT / k);
        for (int i = 0; i < group.size(); i++) {
            int index = c.values().indexOf(group.get(i).config().get(c.name()));
            if (index >= 0) {
                p[index] += weights[i];
            }
        }
        double total = 0;
        for (double v : p) {
            total += v;
        }
        for (int i = 0; i < k; i++) {
            p[i] /= total;
        }
        return p;
    }

    private static int pick(double[] probabilities, SplittableRandom random) {
        double u = random.nextDouble();
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            sum += probabilities[i];
            if (u < sum) {
                return i;
            }
        }
        return probabilities.length - 1;
    }

    // ---- numbers -------------------------------------------------------------------------------------

    private static Object suggestNumber(Dimension d, List<Observation> below, double[] bw, List<Observation> above,
                                        double[] aw, SplittableRandom random) {
        boolean integer = d instanceof Dimension.IntRange;
        boolean log = d instanceof Dimension.FloatRange f && f.log();
        double low;
        double high;
        if (integer) {
            Dimension.IntRange i = (Dimension.IntRange) d;
            if (i.low() == i.high()) {
                return i.low();
            }
            // Each integer owns the unit interval around it, so the end values are as likely as the others.
            low = i.low() - 0.5;
            high = i.high() + 0.5;
        } else {
            Dimension.FloatRange f = (Dimension.FloatRange) d;
            if (f.low() == f.high()) {
                return f.low();
            }
            low = log ? Math.log(f.low()) : f.low();
            high = log ? Math.log(f.high()) : f.high();
        }
        Parzen l = Parzen.fit(values(d, below, log), bw, low, high);
        Parzen g = Parzen.fit(values(d, above, log), aw, low, high);
        double best = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < CANDIDATES; k++) {
            double x = l.sample(random);
            if (integer) {
                x = Math.max(Math.ceil(low), Math.min(Math.floor(high), Math.rint(x)));
            }
            double score = l.logDensity(x) - g.logDensity(x);
            if (score > bestScore || Double.isNaN(best)) {
                bestScore = score;
                best = x;
            }
        }
        if (integer) {
            return (long) best;
        }
        Dimension.FloatRange f = (Dimension.FloatRange) d;
        double value = log ? Math.exp(best) : best;
        return Math.max(f.low(), Math.min(f.high(), value));
    }

    private static double[] values(Dimension d, List<Observation> group, boolean log) {
        double[] xs = new double[group.size()];
        for (int i = 0; i < xs.length; i++) {
            double v = ((Number) group.get(i).config().get(d.name())).doubleValue();
            xs[i] = log ? Math.log(v) : v;
        }
        return xs;
    }

    /**
     * A mixture of Gaussians truncated to [low, high]: one per observation plus a prior centred on the
     * range with the range's width. Each observation's width is the larger distance to its neighbours
     * (the paper's rule), kept between range / min(100, n + 1) and the range, so that no component
     * collapses on a point nor spreads wider than the prior.
     */
    record Parzen(double[] mus, double[] sigmas, double[] constants, double[] cumulative, double low, double high) {

        static Parzen fit(double[] observed, double[] weights, double low, double high) {
            int n = observed.length + 1;
            double range = high - low;
            double[] mus = new double[n];
            double[] w = new double[n];
            System.arraycopy(observed, 0, mus, 0, observed.length);
            System.arraycopy(weights, 0, w, 0, observed.length);
            mus[n - 1] = low + range / 2;
            w[n - 1] = PRIOR_WEIGHT;
            // Neighbours in sorted order; a component's width depends on its value alone, so sorting a copy
            // of the centres and looking each up keeps the weights where they are.
            double[] sorted = mus.clone();
            java.util.Arrays.sort(sorted);
            double minSigma = range / Math.min(100.0, n + 1.0);
            double[] sigmas = new double[n];
            for (int i = 0; i < n; i++) {
                int k = java.util.Arrays.binarySearch(sorted, mus[i]);
                double left = k == 0 ? mus[i] - low : mus[i] - sorted[k - 1];
                double right = k == n - 1 ? high - mus[i] : sorted[k + 1] - mus[i];
                sigmas[i] = Math.max(minSigma, Math.min(range, Math.max(left, right)));
            }
            sigmas[n - 1] = range;
            double total = 0;
            for (double v : w) {
                total += v;
            }
            double[] constants = new double[n];
            double[] cumulative = new double[n];
            double running = 0;
            for (int i = 0; i < n; i++) {
                double mass = phi((high - mus[i]) / sigmas[i]) - phi((low - mus[i]) / sigmas[i]);
                // Everything in a component's log density but the squared distance: weight, width, truncation.
                constants[i] = Math.log(w[i] / total) - Math.log(sigmas[i]) - LOG_SQRT_2PI - Math.log(Math.max(mass, 1e-12));
                running += w[i] / total;
                cumulative[i] = running;
            }
            return new Parzen(mus, sigmas, constants, cumulative, low, high);
        }

        double sample(SplittableRandom random) {
            double u = random.nextDouble();
            int k = 0;
            while (k < cumulative.length - 1 && u >= cumulative[k]) {
                k++;
            }
            // Rejection from the component's Gaussian: each component keeps at least a third of its mass
            // inside the range (its centre is inside and its width at most the range), so this ends fast.
            for (int attempt = 0; attempt < 100; attempt++) {
                double x = mus[k] + sigmas[k] * random.nextGaussian();
                if (x >= low && x <= high) {
                    return x;
                }
            }
            return Math.max(low, Math.min(high, mus[k]));
        }

        /**
         * log sum of the components' densities, in one pass: a running maximum keeps the sum in range, and
         * a component more than e^-40 below the largest so far adds nothing a double can hold.
         */
        double logDensity(double x) {
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int i = 0; i < mus.length; i++) {
                double z = (x - mus[i]) / sigmas[i];
                double t = constants[i] - 0.5 * z * z;
                if (t > max) {
                    sum = sum * Math.exp(max - t) + 1;
                    max = t;
                } else if (t > max - 40) {
                    sum += Math.exp(t - max);
                }
            }
            return max + Math.log(sum);
        }
    }

    /** The standard normal CDF, through erf (Abramowitz and Stegun 7.1.26; error below 1.5e-7). */
    static double phi(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                + 0.254829592) * t * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
