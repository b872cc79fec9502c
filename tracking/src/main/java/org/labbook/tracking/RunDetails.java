package org.labbook.tracking;

import java.util.Map;

import org.labbook.tracking.spi.Validation;

/**
 * A run as a query returns it: its facts, its params and tags, and a summary of every metric (latest,
 * min, max, count) — everything a runs table shows, without reading metric points.
 */
public record RunDetails(RunInfo info, Map<String, String> params, Map<String, String> tags,
                         Map<String, MetricSummary> metrics) {
    public RunDetails {
        Validation.required("run info", info);
        params = Map.copyOf(Validation.required("params", params));
        tags = Map.copyOf(Validation.required("tags", tags));
        metrics = Map.copyOf(Validation.required("metrics", metrics));
    }

    public String id() {
        return info.id();
    }

    public String name() {
        return info.name();
    }

    public RunStatus status() {
        return info.status();
    }
}
