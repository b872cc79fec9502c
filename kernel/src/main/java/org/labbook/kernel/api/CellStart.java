package org.labbook.kernel.api;

import java.time.Instant;
import java.util.Optional;

/**
 * A cell about to run.
 *
 * @param executionCount the count shown as {@code In [n]} (for silent cells, the count they did not take)
 * @param cellId         the front end's cell id ({@code metadata.cellId}) when it sent one
 * @param source         the cell's source as sent
 * @param start          when evaluation began
 * @param silent         a silent request: publishes nothing and is not counted
 * @param storeHistory   whether the request asked to be stored in history
 */
public record CellStart(int executionCount, Optional<String> cellId, String source, Instant start,
                        boolean silent, boolean storeHistory) {
}
