package org.labbook.context.capture;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Records the environment a run used. Reading jars and asking {@code nvidia-smi} take time, so this runs
 * on a background thread, never on a cell's path; jar digests are remembered between captures and the GPU
 * list is asked for once.
 */
public final class EnvironmentCapture {

    /** Environment variables worth recording; anything else (PATH, HOME, tokens a shell exports) stays out. */
    private static final Set<String> ALLOWED = Set.of(
            "JAVA_HOME", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "MAVEN_OPTS", "LANG", "LANGUAGE",
            "TZ", "CUDA_VISIBLE_DEVICES", "CUDA_HOME", "NVIDIA_VISIBLE_DEVICES", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
            "OPENBLAS_NUM_THREADS", "JPY_SESSION_NAME", "JUPYTER_PATH", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR",
            "JUPYTER_RUNTIME_DIR", "CI");
    private static final List<String> ALLOWED_PREFIXES = List.of("LC_", "LABBOOK_");

    private final Map<String, String> environment;
    private final NvidiaSmi nvidiaSmi;
    private final JarDigests jarDigests;
    private final Redactor redactor;
    private volatile List<GpuInfo> gpus;

    public EnvironmentCapture(Map<String, String> environment, NvidiaSmi nvidiaSmi, JarDigests jarDigests,
                              Redactor redactor) {
        this.environment = Map.copyOf(environment);
        this.nvidiaSmi = nvidiaSmi;
        this.jarDigests = jarDigests;
        this.redactor = redactor;
    }

    private static volatile EnvironmentCapture shared;

    /**
     * One capture of this process's environment for everyone in it (the run context providers and the
     * notebook's recorder), so jar digests are computed and {@code nvidia-smi} asked once.
     */
    public static EnvironmentCapture shared() {
        EnvironmentCapture known = shared;
        if (known == null) {
            synchronized (EnvironmentCapture.class) {
                if (shared == null) {
                    shared = ofThisProcess();
                }
                known = shared;
            }
        }
        return known;
    }

    /** This process's environment, {@code nvidia-smi} from the PATH, the standard redactor. */
    public static EnvironmentCapture ofThisProcess() {
        return new EnvironmentCapture(System.getenv(), NvidiaSmi.onPath(), new JarDigests(), Redactor.standard());
    }

    /**
     * The environment now.
     *
     * @param kernelVersion the kernel's version
     * @param added         what the session added to the classpath ({@code %maven}, {@code %jars}), in order
     */
    public EnvironmentInfo capture(String kernelVersion, List<ClasspathAddition> added) {
        Runtime runtime = Runtime.getRuntime();
        return new EnvironmentInfo(
                System.getProperty("java.version", ""),
                System.getProperty("java.vendor", ""),
                (System.getProperty("java.vm.name", "") + " " + System.getProperty("java.vm.version", "")).strip(),
                (System.getProperty("os.name", "") + " " + System.getProperty("os.version", "")).strip(),
                System.getProperty("os.arch", ""),
                runtime.availableProcessors(),
                runtime.maxMemory(),
                hostName(),
                System.getProperty("user.name", ""),
                kernelVersion,
                gpus(),
                allowedEnvironment(),
                classpath(added));
    }

    /** The allow-listed variables, with secret-looking names masked and credentials stripped from values. */
    public Map<String, String> allowedEnvironment() {
        Map<String, String> allowed = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (ALLOWED.contains(name) || ALLOWED_PREFIXES.stream().anyMatch(name::startsWith)) {
                allowed.put(name, value);
            }
        });
        return redactor.redactEnvironment(allowed);
    }

    /** The GPUs {@code nvidia-smi} lists, asked for once. */
    public List<GpuInfo> gpus() {
        List<GpuInfo> known = gpus;
        if (known == null) {
            known = nvidiaSmi.gpus();
            gpus = known;
        }
        return known;
    }

    private List<ClasspathItem> classpath(List<ClasspathAddition> added) {
        Map<Path, Optional<String>> elements = new LinkedHashMap<>();
        String javaClassPath = System.getProperty("java.class.path", "");
        for (String element : javaClassPath.split(File.pathSeparator)) {
            if (!element.isBlank()) {
                elements.put(Path.of(element).toAbsolutePath().normalize(), Optional.empty());
            }
        }
        for (ClasspathAddition entry : added) {
            elements.put(entry.path().toAbsolutePath().normalize(), entry.maven());
        }
        List<ClasspathItem> items = new ArrayList<>(elements.size());
        elements.forEach((path, maven) -> items.add(jarDigests.describe(path, maven)));
        return items;
    }

    /** Avoids a DNS lookup when the system already says its name: on a misconfigured network it can hang. */
    private String hostName() {
        for (String variable : List.of("HOSTNAME", "COMPUTERNAME")) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        try {
            Path etcHostname = Path.of("/etc/hostname");
            if (Files.isReadable(etcHostname)) {
                String name = Files.readString(etcHostname).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
