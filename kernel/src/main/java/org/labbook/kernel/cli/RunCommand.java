package org.labbook.kernel.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Executes a notebook headless through the kernel, in this process, and writes the executed notebook. */
@Command(name = "run", description = {"Execute a notebook without Jupyter and write it with its outputs.",
        "Prints one line per code cell on standard error as it runs; stops at the first failing cell."})
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NOTEBOOK.ipynb", description = "The notebook to run.")
    Path notebook;

    @Option(names = "--output", paramLabel = "OUT.ipynb",
            description = "Where to write the executed notebook (default: NOTEBOOK.nbconvert.ipynb beside it).")
    Path output;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Longest a cell may run before it is interrupted (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (timeoutSeconds <= 0) {
            throw CliException.usage("--timeout must be a positive number of seconds, e.g. --timeout 120.");
        }
        Path target = output != null ? output : defaultOutput(notebook);
        NotebookRun.Result result = NotebookRun.execute(notebook, target, Duration.ofSeconds(timeoutSeconds),
                spec.commandLine().getErr());
        if (result.failure().isPresent()) {
            spec.commandLine().getErr().println("labbook run: " + result.failure().get());
            spec.commandLine().getErr().flush();
            return 1;
        }
        spec.commandLine().getOut().println(result.summary());
        return 0;
    }

    static Path defaultOutput(Path notebook) {
        String name = notebook.getFileName().toString();
        String stem = name.endsWith(".ipynb") ? name.substring(0, name.length() - ".ipynb".length()) : name;
        return notebook.toAbsolutePath().resolveSibling(stem + ".nbconvert.ipynb");
    }
}
