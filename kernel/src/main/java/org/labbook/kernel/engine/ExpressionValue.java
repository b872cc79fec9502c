package org.labbook.kernel.engine;

import org.labbook.kernel.api.CellOutcome;
import org.labbook.kernel.api.MimeBundle;

/** The value of one user expression: either a rendered bundle or the error it raised. */
public sealed interface ExpressionValue {
    record Value(MimeBundle bundle) implements ExpressionValue {
    }

    record Failure(CellOutcome.Error error) implements ExpressionValue {
    }
}
