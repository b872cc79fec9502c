package org.labbook.context.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentCaptureTest {

    @TempDir
    Path dir;

    private EnvironmentCapture captureWith(Map<String, String> env) {
        return new EnvironmentCapture(env, NvidiaSmi.at(dir.resolve("absent")), new JarDigests(), Redactor.standard());
    }

    @Test
    void onlyAllowListedVariablesAreRecordedAndSecretsAmongThemAreMasked() {
        Map<String, String> env = Map.of(
                "JAVA_HOME", "/usr/lib/jvm/java-17", "LANG", "C.UTF-8", "LC_ALL", "C", "TZ", "UTC",
                "CUDA_VISIBLE_DEVICES", "0,1", "PATH", "/usr/bin", "HOME", "/root",
                "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI", "LABBOOK_STORE", "postgresql://lab:hunter2@db/lab",
                "LABBOOK_STORE_PASSWORD", "hunter2");
        assertThat(captureWith(env).allowedEnvironment()).containsExactly(
                Map.entry("CUDA_VISIBLE_DEVICES", "0,1"), Map.entry("JAVA_HOME", "/usr/lib/jvm/java-17"),
                Map.entry("LABBOOK_STORE", "postgresql://lab:[redacted]@db/lab"),
                Map.entry("LABBOOK_STORE_PASSWORD", "[redacted]"), Map.entry("LANG", "C.UTF-8"),
                Map.entry("LC_ALL", "C"), Map.entry("TZ", "UTC"));
    }

    @Test
    void captureDescribesTheRuntimeTheMachineAndTheClasspath() throws Exception {
        Path added = JarDigestsTest.jar(dir.resolve("guava-33.0.0-jre.jar"), "x", "y", "1");
        EnvironmentInfo info = captureWith(Map.of("HOSTNAME", "lab-7")).capture("0.1.0",
                List.of(new ClasspathAddition(added, Optional.of("com.google.guava:guava:33.0.0-jre"))));

        assertThat(info.javaVersion()).isEqualTo(System.getProperty("java.version"));
        assertThat(info.javaVm()).startsWith(System.getProperty("java.vm.name"));
        assertThat(info.os()).startsWith(System.getProperty("os.name"));
        assertThat(info.cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(info.maxHeapBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
        assertThat(info.hostName()).isEqualTo("lab-7");
        assertThat(info.user()).isEqualTo(System.getProperty("user.name"));
        assertThat(info.kernelVersion()).isEqualTo("0.1.0");
        assertThat(info.gpus()).isEmpty();
        assertThat(info.classpath().get(info.classpath().size() - 1)).satisfies(item -> {
            assertThat(item.maven()).contains("com.google.guava:guava:33.0.0-jre");
            assertThat(item.sha256()).contains(JarDigestsTest.sha256(added));
        });
        // The test runner's own classpath comes from the local Maven repository: its jars get coordinates.
        assertThat(info.classpath()).anySatisfy(item -> assertThat(item.maven().orElse(""))
                .startsWith("org.assertj:assertj-core:"));
    }

    @Test
    void gpusAreAskedForOnlyOncePerCapture() throws Exception {
        Path counter = dir.resolve("count");
        Path script = dir.resolve("nvidia-smi");
        java.nio.file.Files.writeString(script, "#!/bin/sh\necho x >> '" + counter + "'\n"
                + "printf 'index, name, memory.total [MiB]\\n0, Tesla T4, 15360 MiB\\n'\n");
        script.toFile().setExecutable(true);
        EnvironmentCapture capture = new EnvironmentCapture(Map.of(), NvidiaSmi.at(script), new JarDigests(),
                Redactor.standard());
        capture.capture("0.1.0", List.of());
        EnvironmentInfo second = capture.capture("0.1.0", List.of());
        assertThat(second.gpus()).extracting(GpuInfo::name).containsExactly("Tesla T4");
        assertThat(java.nio.file.Files.readAllLines(counter)).hasSize(1);
    }
}
