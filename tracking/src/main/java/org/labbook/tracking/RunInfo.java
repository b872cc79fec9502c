package org.labbook.tracking;

import java.time.Instant;
import java.util.Optional;

import org.labbook.tracking.spi.Validation;

/**
 * The fixed facts of one run as the store last saw them. {@code status} is the effective status: a
 * RUNNING run whose heartbeat is older than the store's crash timeout is reported as
 * {@link RunStatus#CRASHED}.
 *
 * @param endTime null while the run is running (or crashed without ending)
 * @param parentRunId null for a top-level run
 */
public record RunInfo(
        String id,
        String name,
        String experimentId,
        String experimentName,
        RunStatus status,
        Instant startTime,
        Instant endTime,
        String user,
        String parentRunId,
        RunSource source,
        Instant lastHeartbeat,
        boolean deleted) {

    public RunInfo {
        Validation.required("run id", id);
        Validation.name("run name", name);
        Validation.required("experiment id", experimentId);
        Validation.name("experiment name", experimentName);
        Validation.required("run status", status);
        Validation.required("run start time", startTime);
        Validation.required("run user", user);
        source = source == null ? RunSource.none() : source;
        Validation.required("run heartbeat", lastHeartbeat);
    }

    public Optional<Instant> end() {
        return Optional.ofNullable(endTime);
    }

    public Optional<String> parent() {
        return Optional.ofNullable(parentRunId);
    }
}
