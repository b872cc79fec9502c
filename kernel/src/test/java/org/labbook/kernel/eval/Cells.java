package org.labbook.kernel.eval;

import java.time.Instant;
import java.util.Optional;
import org.labbook.kernel.api.CellOutcome;
import org.labbook.kernel.engine.Evaluator;
import org.labbook.kernel.engine.ExecutionRequest;
import org.labbook.kernel.engine.ExecutionResult;

/** Runs cells against a real evaluator, as the protocol side would. */
final class Cells {
    private final Evaluator evaluator;
    private int count;

    Cells(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    static ExecutionRequest request(int count, String code) {
        return new ExecutionRequest(count, Optional.of("cell-" + count), code, false, true, true, Instant.now());
    }

    /** The outcome and output of one cell. */
    record Ran(ExecutionResult result, RecordingOutput output) {
        String plain() {
            return result.value().orElseThrow(() -> new AssertionError("no result; outcome " + result.outcome()))
                    .plainText();
        }

        CellOutcome.Error error() {
            if (result.outcome() instanceof CellOutcome.Error error) {
                return error;
            }
            throw new AssertionError("expected an error, got " + result.outcome() + " / " + output.messages());
        }

        String stdout() {
            return output.text("stdout");
        }

        String stderr() {
            return output.text("stderr");
        }

        Ran ok() {
            if (!(result.outcome() instanceof CellOutcome.Ok)) {
                throw new AssertionError("cell failed: " + result.outcome() + " stderr: " + stderr());
            }
            return this;
        }
    }

    Ran run(String code) {
        return run(code, new RecordingOutput());
    }

    Ran run(String code, RecordingOutput output) {
        ExecutionResult result = evaluator.execute(request(++count, code), output);
        return new Ran(result, output);
    }

    Evaluator evaluator() {
        return evaluator;
    }
}
