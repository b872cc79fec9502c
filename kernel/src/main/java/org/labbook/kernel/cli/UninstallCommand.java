package org.labbook.kernel.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Removes a kernelspec written by {@code install}. */
@Command(name = "uninstall", description = "Remove the kernelspec.")
final class UninstallCommand implements Callable<Integer> {

    @Mixin
    KernelSpecLocation.Options location = new KernelSpecLocation.Options();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path directory = location.kernelDirectory(System.getenv());
        if (!Files.isRegularFile(directory.resolve("kernel.json"))) {
            throw CliException.failed("No kernelspec '" + location.name + "' in " + directory.getParent()
                    + "; pass the same --name and location (--user, --sys-prefix, --prefix) as at install.");
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        spec.commandLine().getOut().println("Removed kernelspec " + location.name + " from " + directory);
        return 0;
    }
}
