package org.labbook.extension.view;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.labbook.tracking.MetricSummary;
import org.labbook.tracking.RunStatus;

/**
 * One run as a table shows it.
 *
 * @param end     null while the run has not ended
 * @param params  the run's params in the order they should be shown
 * @param metrics summaries (latest, min, max) by metric key
 */
public record RunRow(String id, String name, RunStatus status, Instant start, Instant end, String user,
                     Map<String, String> tags, Map<String, String> params, Map<String, MetricSummary> metrics) {

    /** How many characters of the id the tables show; enough to tell runs of one store apart. */
    public static final int SHORT_ID_LENGTH = 8;

    public RunRow {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(start, "start");
        user = user == null ? "" : user;
        tags = frozen(tags);
        params = frozen(params);
        metrics = frozen(metrics);
    }

    private static <V> Map<String, V> frozen(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    public String shortId() {
        return id.length() <= SHORT_ID_LENGTH ? id : id.substring(0, SHORT_ID_LENGTH);
    }

    /** The name when there is one, else the short id: what legends and axes call the run. */
    public String label() {
        return name.isBlank() ? shortId() : name;
    }

    /** From start to end, or to {@code now} for a run that has not ended. */
    public Duration duration(Instant now) {
        Instant until = end != null ? end : now;
        Duration d = Duration.between(start, until);
        return d.isNegative() ? Duration.ZERO : d;
    }

    public Optional<MetricSummary> metric(String key) {
        return Optional.ofNullable(metrics.get(key));
    }
}
