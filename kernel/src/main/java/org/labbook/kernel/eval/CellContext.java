package org.labbook.kernel.eval;

import java.util.List;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.api.OmittedOutput;
import org.labbook.kernel.engine.CellOutput;
import org.labbook.kernel.engine.ExecutionRequest;

/**
 * Where one cell's output goes: forwarded to the front end as it happens and kept for the extensions'
 * {@code afterCell}. Output that arrives after the cell ended (from threads it started) is still forwarded.
 * What is kept is bounded (see {@link OmittedOutput}): the first and last {@value #KEPT_STREAM_CHARS} characters of
 * each stream and the first and last {@value #KEPT_DISPLAYS} displays; the front end still gets everything.
 */
final class CellContext {
    /** Characters of each stream kept at its start, and again at its end. */
    static final int KEPT_STREAM_CHARS = 512 * 1024;
    /** Displays kept at the start of a cell, and again at its end. */
    static final int KEPT_DISPLAYS = 50;

    private final ExecutionRequest request;
    private final CellOutput output;
    private final HeadTailText stdout = new HeadTailText(KEPT_STREAM_CHARS, KEPT_STREAM_CHARS);
    private final HeadTailText stderr = new HeadTailText(KEPT_STREAM_CHARS, KEPT_STREAM_CHARS);
    private final HeadTailDisplays displays = new HeadTailDisplays(KEPT_DISPLAYS, KEPT_DISPLAYS);
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
        return displays.toList();
    }
}
