package org.labbook.kernel.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.labbook.kernel.api.CellOutcome;
import org.labbook.kernel.api.ClasspathEntry;
import org.labbook.kernel.api.JShellState;
import org.labbook.kernel.api.KernelSession;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.api.UserError;
import org.labbook.kernel.eval.display.DisplayRegistry;

/** The running kernel as extensions, magics and cells see it. */
final class EvaluatorSession implements KernelSession {
    private final String sessionId = Ids.random();
    private final CompletableFuture<CellEngine> engine;
    private final DisplayRegistry displays;
    private final List<ClasspathEntry> classpath = new ArrayList<>();
    private volatile Path notebookPath;
    private volatile CellContext current;
    private volatile CellContext last;

    EvaluatorSession(CompletableFuture<CellEngine> engine, DisplayRegistry displays) {
        this.engine = engine;
        this.displays = displays;
        String name = System.getenv("JPY_SESSION_NAME");
        this.notebookPath = name == null || name.isBlank() ? null : Path.of(name);
    }

    /** The cell that output of this session's threads goes to: the running one, else the one that ran last. */
    CellContext route() {
        CellContext cell = current;
        return cell != null ? cell : last;
    }

    void begin(CellContext cell) {
        current = cell;
    }

    void end(CellContext cell) {
        cell.end();
        last = cell;
        current = null;
    }

    synchronized void addClasspath(List<ClasspathEntry> entries) {
        classpath.addAll(entries);
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public Optional<Path> notebookPath() {
        return Optional.ofNullable(notebookPath);
    }

    @Override
    public void notebookPath(Path path) {
        this.notebookPath = path;
    }

    @Override
    public JShellState state() {
        return engine.join().state();
    }

    @Override
    public Object evaluate(String javaSource) {
        JavaRunner.Run run = engine.join().runQuietly(javaSource);
        if (run.outcome() instanceof CellOutcome.Error error) {
            throw new UserError(error.ename(), error.evalue());
        }
        if (run.outcome() instanceof CellOutcome.Interrupted) {
            throw new UserError("Interrupted", "evaluation was interrupted");
        }
        return run.value();
    }

    @Override
    public String display(Object value, String... mimeTypes) {
        String id = Ids.random();
        show(render(value, mimeTypes), id, false);
        return id;
    }

    @Override
    public void updateDisplay(String displayId, Object value) {
        show(render(value), displayId, true);
    }

    private void show(MimeBundle bundle, String id, boolean update) {
        CellContext cell = route();
        if (cell == null) {
            // No cell has run yet (a startup snippet displaying something): the text is all we can show.
            System.out.println(bundle.plainText());
        } else {
            cell.display(bundle, id, update);
        }
    }

    @Override
    public void clearOutput(boolean wait) {
        CellContext cell = route();
        if (cell != null) {
            cell.clearOutput(wait);
        }
    }

    @Override
    public MimeBundle render(Object value, String... mimeTypes) {
        return displays.render(value, mimeTypes);
    }

    @Override
    public synchronized List<ClasspathEntry> classpath() {
        return List.copyOf(classpath);
    }

    @Override
    public String kernelVersion() {
        String version = EvaluatorSession.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0" : version;
    }

    @Override
    public String toString() {
        return "KernelSession " + sessionId + notebookPath().map(p -> " (" + p + ")").orElse("");
    }
}
