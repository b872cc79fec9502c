package org.labbook.kernel.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.labbook.kernel.api.CellEnd;
import org.labbook.kernel.api.CellOutcome;
import org.labbook.kernel.api.CellStart;
import org.labbook.kernel.api.ClasspathEntry;
import org.labbook.kernel.api.MagicCall;
import org.labbook.kernel.api.MimeBundle;
import org.labbook.kernel.api.UserError;
import org.labbook.kernel.engine.CellOutput;
import org.labbook.kernel.engine.ExecutionRequest;
import org.labbook.kernel.engine.ExecutionResult;
import org.labbook.kernel.eval.display.DisplayRegistry;
import org.labbook.kernel.eval.magic.CellParser;
import org.labbook.kernel.eval.magic.CellPart;
import org.labbook.kernel.eval.magic.ClasspathMagics;
import org.labbook.kernel.eval.magic.MagicArgs;
import org.labbook.kernel.eval.magic.MagicRegistry;
import org.labbook.kernel.eval.magic.MavenMagic;
import org.labbook.kernel.eval.magic.MavenResolver;

/** Runs cells once JShell is up: Java and magics in order, extension callbacks around them. */
final class CellEngine {
    /** Makes display(...), updateDisplay(...) and render(...) callable in every cell, as in IJava. */
    static final String DISPLAY_IMPORT = "import static org.labbook.kernel.api.Display.*;";
    /** The imports the jshell tool starts with, which Java notebook users take for granted. */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "import java.io.*;",
            "import java.math.*;",
            "import java.net.*;",
            "import java.nio.file.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.*;",
            "import java.util.regex.*;",
            "import java.util.stream.*;");

    private final UserShell shell;
    private final JavaRunner java;
    private final ShellState state;
    private final DeferredImports imports;
    private final MagicRegistry magics;
    private final DisplayRegistry displays;
    private final EvaluatorSession session;
    private final ExtensionHost extensions;
    private final Path workingDirectory = Path.of("").toAbsolutePath();
    private volatile int executionCount;

    CellEngine(UserShell shell, MagicRegistry magics, DisplayRegistry displays, EvaluatorSession session) {
        this.shell = shell;
        this.java = new JavaRunner(shell);
        this.imports = new DeferredImports(this::runNow, shell.loader());
        this.state = new ShellState(shell, imports);
        this.magics = magics;
        this.displays = displays;
        this.session = session;
        this.extensions = new ExtensionHost(magics, displays, session);
        new ClasspathMagics(this::addToClasspath, workingDirectory).register(magics);
        new MavenMagic(new MavenResolver(), this::addToClasspath).register(magics);
        magics.lineMagic("load", this::load);
        magics.lineMagic("time", call -> timed(call.args(), 1));
        magics.cellMagic("time", call -> timed(call.body(), 2));
    }

    /** The first evaluation compiles and loads JShell's own machinery: do it before the user waits for it. */
    void warmUp() {
        DEFAULT_IMPORTS.forEach(this::runStartup);
        runStartup(DISPLAY_IMPORT);
        java.run("1 + 1", SourceOrigin.cell(0), notice -> { });
    }

    void loadExtensions() {
        extensions.loadNew(shell.loader(), this::runStartup);
    }

    UserShell shell() {
        return shell;
    }

    JavaRunner java() {
        return java;
    }

    ShellState state() {
        return state;
    }

    MagicRegistry magics() {
        return magics;
    }

    /** Makes every deferred import now (completion and documentation need them without a cell naming them). */
    void prepareAllImports() {
        imports.prepareAll();
    }

    /** An import is deferred until a cell needs it (see {@link DeferredImports}); other snippets run now. */
    private void runStartup(String source) {
        if (!imports.defer(source)) {
            runNow(source);
        }
    }

    private void runNow(String source) {
        JavaRunner.Run run = java.run(source, new SourceOrigin("startup snippet", 0, 1), System.err::print);
        if (run.outcome() instanceof CellOutcome.Error error) {
            throw new IllegalStateException("startup snippet failed: " + error.summary());
        }
    }

    ExecutionResult execute(ExecutionRequest request, CellOutput output) {
        CellContext cell = new CellContext(request, output);
        SessionBinding.bind(session);
        session.begin(cell);
        java.resetStop();
        executionCount = request.executionCount();
        try {
            CellStart start = new CellStart(request.executionCount(), request.cellId(), request.code(),
                    Instant.now(), request.silent(), request.storeHistory());
            extensions.beforeCell(start);
            JavaRunner.Run run = runCell(request, cell);
            CellOutcome outcome = java.stopRequested() && !(run.outcome() instanceof CellOutcome.Interrupted)
                    ? java.interrupted() : run.outcome();
            Optional<MimeBundle> value = run.hasValue() && outcome instanceof CellOutcome.Ok
                    ? Optional.of(displays.render(run.value()))
                    : Optional.empty();
            cell.flushStreams();
            extensions.afterCell(new CellEnd(start, Instant.now(), outcome, cell.stdout(), cell.stderr(),
                    cell.displays(), value, state));
            return new ExecutionResult(value, outcome);
        } finally {
            session.end(cell);
            SessionBinding.unbind();
        }
    }

    private JavaRunner.Run runCell(ExecutionRequest request, CellContext cell) {
        try {
            return runText(request.code(), SourceOrigin.cell(request.executionCount()));
        } catch (CellFailure failure) {
            return JavaRunner.Run.failed(failure.outcome());
        } catch (UserError e) {
            return JavaRunner.Run.failed(ErrorReports.oneLine(e.ename(), e.getMessage()));
        } catch (Exception e) {
            // A magic failed for a reason outside the user's code: one line, as for any magic error.
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return JavaRunner.Run.failed(ErrorReports.oneLine(e.getClass().getSimpleName(), message));
        }
    }

    /** Runs cell text (Java and magics) whose first line is {@code origin.firstLine()}. */
    private JavaRunner.Run runText(String text, SourceOrigin origin) throws Exception {
        JavaRunner.Run last = JavaRunner.Run.ok(false, null);
        for (CellPart part : CellParser.parse(text)) {
            if (java.stopRequested()) {
                return JavaRunner.Run.failed(java.interrupted());
            }
            if (part instanceof CellPart.Java code) {
                imports.prepareFor(code.source());
                last = java.run(code.source(), origin.shifted(code.firstLine() - 1), this::notice);
                if (!(last.outcome() instanceof CellOutcome.Ok)) {
                    return last;
                }
            } else if (part instanceof CellPart.LineMagic magic) {
                Object value = magics.line(magic.name()).run(new MagicCall(magic.name(), magic.args(), "", session));
                last = JavaRunner.Run.ok(value != null, value);
            } else if (part instanceof CellPart.CellMagic magic) {
                Object value = magics.cell(magic.name()).run(new MagicCall(magic.name(), magic.args(), magic.body(), session));
                last = JavaRunner.Run.ok(value != null, value);
            }
        }
        return last;
    }

    private void notice(String text) {
        System.err.print(text);
    }

    /** Evaluates Java outside any cell's bookkeeping (user_expressions, KernelSession.evaluate). */
    JavaRunner.Run runQuietly(String source) {
        imports.prepareFor(source);
        return java.run(source, new SourceOrigin("expression", 0, 1), text -> { });
    }

    private Object load(MagicCall call) throws Exception {
        List<String> files = MagicArgs.split(call.args());
        if (files.size() != 1) {
            throw new UserError("%load takes one file, e.g. %load helpers.jsh");
        }
        Path file = workingDirectory.resolve(files.get(0)).normalize();
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError("%load " + files.get(0) + ": " + file + " does not exist. Give the path of a .java or .jsh file.");
        } catch (IOException e) {
            throw new UserError("%load " + files.get(0) + ": cannot read " + file + " (" + e.getMessage() + ").");
        }
        return unwrap(runText(source, new SourceOrigin(file.getFileName().toString(), 0, 1)));
    }

    private Object timed(String source, int firstLine) throws Exception {
        if (source.isBlank()) {
            throw new UserError("%time needs a statement, e.g. %time compute(); or %%time on the first line of a cell");
        }
        long started = System.nanoTime();
        JavaRunner.Run run;
        try {
            run = runText(source, SourceOrigin.cell(executionCount).shifted(firstLine - 1));
        } finally {
            System.out.println("Wall time: " + format(Duration.ofNanos(System.nanoTime() - started)));
        }
        return unwrap(run);
    }

    private static Object unwrap(JavaRunner.Run run) {
        if (!(run.outcome() instanceof CellOutcome.Ok)) {
            throw new CellFailure(run.outcome());
        }
        return run.value();
    }

    static String format(Duration elapsed) {
        long micros = elapsed.toNanos() / 1_000;
        if (micros < 1_000) {
            return micros + " µs";
        }
        if (micros < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", micros / 1_000.0);
        }
        return String.format(Locale.ROOT, "%.2f s", micros / 1_000_000.0);
    }

    /** Adds jars to JShell's compiler and class loader, records them, and loads extensions they bring. */
    private void addToClasspath(List<ClasspathEntry> entries) {
        for (ClasspathEntry entry : entries) {
            shell.addToClasspath(entry.path());
        }
        session.addClasspath(entries);
        extensions.loadNew(shell.loader(), this::runStartup);
    }

    void aborted(ExecutionRequest request) {
        Instant now = Instant.now();
        CellStart start = new CellStart(request.executionCount(), request.cellId(), request.code(), now,
                request.silent(), request.storeHistory());
        extensions.afterCell(new CellEnd(start, now, new CellOutcome.Aborted(), "", "", List.of(), Optional.empty(), state));
    }

    void close() {
        extensions.shutdown();
        shell.close();
    }
}
