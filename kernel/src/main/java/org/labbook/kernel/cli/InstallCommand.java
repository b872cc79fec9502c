package org.labbook.kernel.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Writes a kernelspec that starts this jar with the Java that runs this command. */
@Command(name = "install", description = "Install the kernelspec so Jupyter lists \"Java (Labbook)\".")
final class InstallCommand implements Callable<Integer> {

    @Mixin
    KernelSpecLocation.Options location = new KernelSpecLocation.Options();

    @Option(names = "--display-name", defaultValue = "Java (Labbook)", paramLabel = "TEXT",
            description = "The name shown in the launcher (default: ${DEFAULT-VALUE}).")
    String displayName;

    @Option(names = "--no-startup-archive", negatable = false,
            description = "Skip the class-data archive that makes the kernel's first result about a third sooner"
                    + " (made by a short training run of the jar at install).")
    boolean noStartupArchive;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path directory = location.kernelDirectory(System.getenv());
        Path java = currentJava();
        KernelSpec kernel = new KernelSpec(displayName, java, runningJar());
        kernel.writeTo(directory);
        if (!noStartupArchive) {
            Path archive = directory.resolve(StartupArchive.FILE_NAME);
            String failure = StartupArchive.create(java, KernelSpec.jvmFlags(kernel.javaFeature()), kernel.jar(),
                    archive);
            if (failure == null) {
                kernel.withSharedArchive(archive).writeTo(directory);
            } else {
                spec.commandLine().getErr().println("labbook install: no start-up archive (" + failure
                        + "); the kernel works without it, its first cell is only slower.");
            }
        }
        spec.commandLine().getOut().println("Installed kernelspec " + location.name + " (" + displayName + ") in "
                + directory);
        spec.commandLine().getOut().println(javaLine(java, Runtime.version()));
        return 0;
    }

    /** Which Java the kernel will run on, and how to choose another: the kernelspec runs the java that installed it. */
    static String javaLine(Path java, Runtime.Version version) {
        return "The kernel runs on Java " + version + " (" + java + "); to use another Java, run install with"
                + " its java: /path/to/jdk/bin/java -jar labbook.jar install";
    }

    /** The java executable of this process, so the kernel runs on the same runtime. */
    static Path currentJava() {
        return ProcessHandle.current().info().command().map(Path::of).filter(Files::isExecutable)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java")).toAbsolutePath();
    }

    static Path runningJar() {
        Path location;
        try {
            location = Path.of(InstallCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw CliException.failed("Cannot tell which jar is running; start the installer as"
                    + " 'java -jar labbook.jar install'.");
        }
        if (!Files.isRegularFile(location) || !location.toString().endsWith(".jar")) {
            throw CliException.failed("The installer runs from " + location + ", not from a jar; build the jar"
                    + " (mvn package) and run 'java -jar dist/target/labbook.jar install'.");
        }
        return location.toAbsolutePath();
    }
}
