package org.labbook.tracking.context;

import java.util.Map;

/**
 * Extra system metrics for the sampler, found with {@link java.util.ServiceLoader} (e.g. GPUs through
 * {@code nvidia-smi}). The sampler calls {@link #sample()} on its own thread at every tick, once for all
 * the process's runs.
 */
public interface SystemMetricsSource {

    /** A short name, e.g. {@code gpu}; {@code LABBOOK_CONTEXT_DISABLE} turns the source off by it. */
    String name();

    /**
     * Metric values by key under {@code system/}, e.g. {@code system/gpu.0.utilization}; an empty map
     * when there is nothing to measure (no GPU). Should take well under the sampling interval.
     */
    Map<String, Double> sample() throws Exception;
}
