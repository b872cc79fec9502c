package org.labbook.kernel.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where kernelspecs live, as {@code jupyter kernelspec install} chooses: the user's Jupyter data directory
 * (JUPYTER_DATA_DIR when set), the active Python environment, or {@code PREFIX/share/jupyter}.
 */
final class KernelSpecLocation {

    /** The three mutually exclusive places, as picocli options; none given means --user. */
    static final class Choice {
        @Option(names = "--user", description = "Install for the current user (the default).")
        boolean user;

        @Option(names = "--sys-prefix", description = "Install into the active virtualenv or conda environment.")
        boolean sysPrefix;

        @Option(names = "--prefix", paramLabel = "DIR", description = "Install into DIR/share/jupyter/kernels.")
        Path prefix;
    }

    /** Options shared by install and uninstall. */
    static final class Options {
        @ArgGroup(exclusive = true)
        Choice choice;

        @Option(names = "--name", defaultValue = "labbook", paramLabel = "NAME",
                description = "The kernelspec's name (default: ${DEFAULT-VALUE}).")
        String name;

        Path kernelDirectory(Map<String, String> env) {
            if (!name.matches("[A-Za-z0-9._-]+")) {
                throw CliException.usage("Invalid kernel name '" + name + "': use letters, digits, '.', '_' and '-'"
                        + " only, e.g. --name labbook-17.");
            }
            return kernelsDirectory(choice, env).resolve(name);
        }
    }

    private KernelSpecLocation() {
    }

    static Path kernelsDirectory(Choice choice, Map<String, String> env) {
        if (choice != null && choice.prefix != null) {
            return choice.prefix.toAbsolutePath().resolve("share/jupyter/kernels");
        }
        if (choice != null && choice.sysPrefix) {
            String prefix = env.getOrDefault("VIRTUAL_ENV", env.get("CONDA_PREFIX"));
            if (prefix == null || prefix.isBlank()) {
                throw CliException.usage("--sys-prefix needs an active Python environment (VIRTUAL_ENV or"
                        + " CONDA_PREFIX is not set); activate it, or use --user or --prefix DIR.");
            }
            return Path.of(prefix).resolve("share/jupyter/kernels");
        }
        return userDataDirectory(env).resolve("kernels");
    }

    /** Jupyter's per-user data directory on this platform. */
    static Path userDataDirectory(Map<String, String> env) {
        String explicit = env.get("JUPYTER_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        Path home = Path.of(System.getProperty("user.home"));
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return home.resolve("Library/Jupyter");
        }
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return (appData == null ? home.resolve("AppData/Roaming") : Path.of(appData)).resolve("jupyter");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg == null || xdg.isBlank() ? home.resolve(".local/share") : Path.of(xdg)).resolve("jupyter");
    }
}
