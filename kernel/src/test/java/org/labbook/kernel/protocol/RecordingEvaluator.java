package org.labbook.kernel.protocol;

import java.util.Map;
import java.util.function.Consumer;
import org.labbook.kernel.engine.CellOutput;
import org.labbook.kernel.engine.Completion;
import org.labbook.kernel.engine.Evaluator;
import org.labbook.kernel.engine.ExecutionRequest;
import org.labbook.kernel.engine.ExecutionResult;
import org.labbook.kernel.engine.ExpressionValue;
import org.labbook.kernel.engine.Inspection;
import org.labbook.kernel.engine.IsComplete;

/** The real evaluator, with every execute and abort request shown to an observer first. */
final class RecordingEvaluator implements Evaluator {
    private final Evaluator delegate;
    private final Consumer<ExecutionRequest> observer;

    RecordingEvaluator(Evaluator delegate, Consumer<ExecutionRequest> observer) {
        this.delegate = delegate;
        this.observer = observer;
    }

    @Override
    public ExecutionResult execute(ExecutionRequest request, CellOutput output) {
        observer.accept(request);
        return delegate.execute(request, output);
    }

    @Override
    public void aborted(ExecutionRequest request) {
        observer.accept(request);
        delegate.aborted(request);
    }

    @Override
    public Map<String, ExpressionValue> userExpressions(Map<String, String> expressions) {
        return delegate.userExpressions(expressions);
    }

    @Override
    public Completion complete(String code, int cursorPos) {
        return delegate.complete(code, cursorPos);
    }

    @Override
    public Inspection inspect(String code, int cursorPos, int detailLevel) {
        return delegate.inspect(code, cursorPos, detailLevel);
    }

    @Override
    public IsComplete isComplete(String code) {
        return delegate.isComplete(code);
    }

    @Override
    public void interrupt() {
        delegate.interrupt();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
