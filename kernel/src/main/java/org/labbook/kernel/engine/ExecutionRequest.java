package org.labbook.kernel.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * A cell to run, as the protocol side counted it.
 *
 * @param executionCount the count of this cell (the current count, unchanged, for silent or unstored cells)
 * @param cellId         {@code metadata.cellId} from the request when the client sent one
 * @param code           the cell's source
 * @param silent         publish nothing (no streams, no displays, no result)
 * @param storeHistory   whether the cell counts and is stored in history
 * @param allowStdin     whether the client can answer input requests
 * @param received       when the request was received
 */
public record ExecutionRequest(int executionCount, Optional<String> cellId, String code, boolean silent,
                               boolean storeHistory, boolean allowStdin, Instant received) {
}
