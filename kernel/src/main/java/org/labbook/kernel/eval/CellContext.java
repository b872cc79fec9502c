package org.labbook.kernel.eval;

import java.util.ArrayList;
import java.util.List;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.engine.CellOutput;
import org.labbook.kernel.engine.ExecutionRequest;

/**
 * Where one cell's output goes: forwarded to the front end as it happens and kept for the extensions'
 * {@code afterCell}. Output that arrives after the cell ended (from threads it started) is still forwarded.
 */
final class CellContext {
    private final ExecutionRequest request;
    private final CellOutput output;
    private final StringBuilder stdout = new StringBuilder();
    private final StringBuilder stderr = new StringBuilder();
    private final List<MimeBundle> displays = new ArrayList<>();
    private final TextBuffer stdoutBuffer = new TextBuffer(text -> emit("stdout", text));
    private final TextBuffer stderrBuffer = new TextBuffer(text -> emit("stderr", text));
    private volatile boolean ended;

    CellContext(ExecutionRequest request, CellOutput output) {
        this.request = request;
        this.output = output;
    }

    ExecutionRequest request() {
        return request;
    }

    TextBuffer buffer(String streamName) {
        return "stderr".equals(streamName) ? stderrBuffer : stdoutBuffer;
    }

    private void emit(String name, String text) {
        if (!ended) {
            synchronized (this) {
                ("stderr".equals(name) ? stderr : stdout).append(text);
            }
        }
        if (!request.silent()) {
            output.stream(name, text);
        }
    }

    void display(MimeBundle bundle, String displayId, boolean update) {
        flushStreams();
        if (!ended) {
            synchronized (this) {
                displays.add(bundle);
            }
        }
        if (!request.silent()) {
            output.display(bundle, displayId, update);
        }
    }

    void clearOutput(boolean wait) {
        flushStreams();
        if (!request.silent()) {
            output.clearOutput(wait);
        }
    }

    String readInput(String prompt, boolean password) {
        flushStreams();
        if (!request.allowStdin()) {
            throw new IllegalStateException("This front end does not accept input: reading System.in is not possible here.");
        }
        return output.readInput(prompt, password);
    }

    void flushStreams() {
        stdoutBuffer.flush();
        stderrBuffer.flush();
    }

    /** Flushes what is pending; later output is still forwarded but no longer recorded for the cell. */
    void end() {
        flushStreams();
        ended = true;
    }

    synchronized String stdout() {
        return stdout.toString();
    }

    synchronized String stderr() {
        return stderr.toString();
    }

    synchronized List<MimeBundle> displays() {
        return List.copyOf(displays);
    }
}
