package org.labbook.kernel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.labbook.kernel.api.CommandLineExtension;
import org.labbook.kernel.protocol.KernelInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code labbook} command: {@code java -jar labbook.jar install | uninstall | run | kernel}, and the
 * subcommands other modules add. Every command answers {@code --help} and {@code -h} and lists its exit codes.
 */
@Command(name = "labbook", mixinStandardHelpOptions = true, versionProvider = LabbookCommand.Version.class,
        description = "A Java Jupyter kernel that keeps a lab notebook of every experiment.",
        subcommands = {KernelCommand.class, InstallCommand.class, UninstallCommand.class, RunCommand.class,
                StartupTrainingCommand.class})
public final class LabbookCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // The kernelspec's exact argv skips building the command-line model: the kernel must answer kernel_info
        // quickly, and picocli's reflection over every subcommand is start-up time spent on nothing.
        if (args.length == 3 && args[0].equals("kernel") && args[1].equals("--connection-file")) {
            System.exit(KernelCommand.runFromKernelspec(Path.of(args[2])));
        }
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (0 ok, 1 failure, 2 usage), without exiting. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #execute(String...)}, printing to the given writers. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new LabbookCommand());
        // Modules that the kernel does not know (snapshots: reproduce) add their subcommands here.
        for (CommandLineExtension extension : ServiceLoader.load(CommandLineExtension.class)) {
            cli.addSubcommand(extension.command());
        }
        withHelpEverywhere(cli, cli.getCommandSpec().versionProvider());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(LabbookCommand::usageError);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliException cliError) {
                err.println("labbook " + commandLine.getCommandName() + ": " + cliError.getMessage());
                err.flush();
                return cliError.exitCode();
            }
            err.println("labbook " + commandLine.getCommandName() + ": " + e.getClass().getSimpleName() + ": "
                    + e.getMessage());
            err.flush();
            return 1;
        });
        return cli.execute(args);
    }

    /** What every command's exit code means; each command's --help lists them. */
    static final Map<String, String> EXIT_CODES = exitCodes();

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "Done.");
        codes.put("1", "It ran and failed: a cell failed, a metric did not reproduce, the store refused.");
        codes.put("2", "Bad input: an unknown option, a missing argument, a file or run that does not exist.");
        return Collections.unmodifiableMap(codes);
    }

    /**
     * Gives every command, including those other modules add, --help/-h, --version and the exit code list, so
     * that no subcommand answers "Unknown option: '--help'".
     */
    private static void withHelpEverywhere(CommandLine command, CommandLine.IVersionProvider version) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        spec.mixinStandardHelpOptions(true);
        if (spec.versionProvider() == null && spec.version().length == 0) {
            spec.versionProvider(version);
        }
        if (spec.usageMessage().exitCodeList().isEmpty()) {
            spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
        }
        command.getSubcommands().values().forEach(sub -> withHelpEverywhere(sub, version));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing a command: use one of " + String.join(", ", spec.subcommands().keySet()) + ".");
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("labbook: " + e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"labbook " + KernelInfo.version() + " (Java " + Runtime.version() + ")"};
        }
    }
}
