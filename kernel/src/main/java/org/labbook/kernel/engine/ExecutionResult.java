package org.labbook.kernel.engine;

import java.util.Optional;
import org.labbook.kernel.api.CellOutcome;
import org.labbook.kernel.api.MimeBundle;

/**
 * What a cell produced for the reply.
 *
 * @param value   the execute_result bundle, when the last snippet had a value to show
 * @param outcome ok, error (with ename, evalue, traceback), or interrupted
 */
public record ExecutionResult(Optional<MimeBundle> value, CellOutcome outcome) {
}
