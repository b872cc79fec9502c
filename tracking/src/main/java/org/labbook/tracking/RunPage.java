package org.labbook.tracking;

import java.util.List;
import java.util.Optional;

import org.labbook.tracking.spi.Validation;

/**
 * One page of a run search. Pass {@link #nextPageToken()} to {@link RunQuery#page(String)} to read the
 * next page; it is empty on the last page.
 */
public record RunPage(List<RunDetails> runs, Optional<String> nextPageToken) {
    public RunPage {
        runs = List.copyOf(Validation.required("runs", runs));
        Validation.required("next page token", nextPageToken);
    }
}
