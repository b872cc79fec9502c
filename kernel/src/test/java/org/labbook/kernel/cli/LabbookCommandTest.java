package org.labbook.kernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.kernel.protocol.Json;

class LabbookCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return LabbookCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void versionNamesLabbookAndTheJavaRuntime() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("labbook ").contains(Runtime.version().toString());
    }

    @Test
    void unknownOptionIsOneLineWithExitCodeTwo() {
        assertThat(run("install", "--bogus")).isEqualTo(2);
        assertThat(err.toString().strip()).contains("--bogus").doesNotContain("\n");
    }

    @Test
    void everyCommandAnswersHelpAndHWithItsUsageAndExitCodes() {
        for (String command : new String[]{"install", "uninstall", "run", "kernel"}) {
            for (String flag : new String[]{"--help", "-h"}) {
                out.getBuffer().setLength(0);
                err.getBuffer().setLength(0);
                assertThat(run(command, flag)).as(command + " " + flag).isZero();
                assertThat(out.toString()).as(command + " " + flag).startsWith("Usage: labbook " + command)
                        .contains("Exit codes:", "  2   Bad input");
                assertThat(err.toString()).isEmpty();
            }
        }
    }

    @Test
    void theStartupTrainingRunsANotebookThenAKernelOverSocketsToItsShutdownAndIsNotListed() throws Exception {
        Path notebook = Files.writeString(dir.resolve("first.ipynb"), """
                {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
                 {"cell_type": "code", "id": "first", "metadata": {}, "execution_count": null, "outputs": [],
                  "source": "1 + 1"}]}
                """);
        Path output = dir.resolve("out.ipynb");

        // Zero only when the kernel answered kernel_info, the cell and the shutdown, and then ended.
        assertThat(run("startup-training", notebook.toString(), "--output", output.toString())).isZero();
        JsonNode cell = Json.MAPPER.readTree(output.toFile()).path("cells").get(0);
        assertThat(cell.path("outputs").get(0).path("data").path("text/plain").asText()).isEqualTo("2");
        assertThat(Files.readString(dir.resolve("training-connection.json"))).contains("\"shell_port\"");

        out.getBuffer().setLength(0);
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).doesNotContain("startup-training");
    }

    @Test
    void topLevelHelpListsTheCommandsAndExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("install", "uninstall", "run", "Exit codes:", "--version");
        assertThat(run("-h")).isZero();
    }

    @Test
    void subcommandVersionIsTheLabbookVersion() {
        assertThat(run("run", "--version")).isZero();
        assertThat(out.toString()).startsWith("labbook ");
    }

    @Test
    void missingCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("install");
    }

    @Test
    void kernelWithAMissingConnectionFileIsOneLineUsageError() {
        assertThat(run("kernel", "--connection-file", dir.resolve("none.json").toString())).isEqualTo(2);
        assertThat(err.toString().strip()).contains("connection file").doesNotContain("\n");
    }

    @Test
    void kernelspecArgvWithABadConnectionFileExitsWithUsageCode() {
        assertThat(KernelCommand.runFromKernelspec(dir.resolve("missing.json"))).isEqualTo(2);
    }

    @Test
    void kernelJsonStartsThisJarWithTheRunningJavaHeadlessForAConnectionFile() throws Exception {
        Path java = Path.of("/opt/jdk/bin/java");
        Path jar = Path.of("/opt/labbook/labbook.jar");

        new KernelSpec("Java (Labbook)", java, jar).writeTo(dir.resolve("labbook"));

        JsonNode spec = Json.MAPPER.readTree(dir.resolve("labbook/kernel.json").toFile());
        assertThat(spec.path("argv").get(0).asText()).isEqualTo(java.toString());
        assertThat(spec.path("argv").toString()).contains("-Djava.awt.headless=true")
                .contains("\"-jar\",\"" + jar + "\",\"kernel\",\"--connection-file\",\"{connection_file}\"");
        assertThat(spec.path("display_name").asText()).isEqualTo("Java (Labbook)");
        assertThat(spec.path("language").asText()).isEqualTo("java");
        assertThat(spec.path("interrupt_mode").asText()).isEqualTo("message");
        assertThat(dir.resolve("labbook/logo-64x64.png")).isNotEmptyFile();
        assertThat(dir.resolve("labbook/logo-32x32.png")).isNotEmptyFile();
    }

    @Test
    void kernelJsonStartsFromTheStartupArchiveQuietlyBeforeTheJar() throws Exception {
        Path archive = dir.resolve("labbook/labbook.jsa");
        new KernelSpec("Java (Labbook)", Path.of("/opt/jdk/bin/java"), 17, Path.of("/x.jar"))
                .withSharedArchive(archive).writeTo(dir.resolve("labbook"));

        String argv = Json.MAPPER.readTree(dir.resolve("labbook/kernel.json").toFile()).path("argv").toString();
        // A stale archive (jar rebuilt, Java upgraded) must not print warnings into every session.
        assertThat(argv).contains("\"-XX:SharedArchiveFile=" + archive + "\"", "\"-Xlog:cds=off\"",
                "\"-Xlog:cds+dynamic=off\"");
        assertThat(argv.indexOf("-XX:SharedArchiveFile")).isLessThan(argv.indexOf("\"-jar\""));
        assertThat(new KernelSpec("Java (Labbook)", Path.of("/j"), 17, Path.of("/x.jar")).kernelJson().toString())
                .doesNotContain("SharedArchiveFile");
    }

    @Test
    void kernelJsonEnablesNativeAccessOnlyForJavasThatKnowTheFlag() throws Exception {
        assertThat(argvFor(17)).doesNotContain("--enable-native-access=ALL-UNNAMED")
                .doesNotContain("--sun-misc-unsafe-memory-access=allow");
        assertThat(argvFor(21)).doesNotContain("--enable-native-access=ALL-UNNAMED");
        assertThat(argvFor(22)).contains("--enable-native-access=ALL-UNNAMED")
                .doesNotContain("--sun-misc-unsafe-memory-access=allow");
        String java25 = argvFor(25);
        assertThat(java25).contains("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");
        // JVM options must come before -jar, or java hands them to the program.
        assertThat(java25.indexOf("--enable-native-access")).isLessThan(java25.indexOf("\"-jar\""));
    }

    @Test
    void kernelJsonOfTheRunningJavaHasTheFlagsThatJavaKnows() throws Exception {
        new KernelSpec("Java (Labbook)", Path.of("/opt/jdk/bin/java"), Path.of("/x.jar")).writeTo(dir.resolve("now"));
        JsonNode argv = Json.MAPPER.readTree(dir.resolve("now/kernel.json").toFile()).path("argv");
        assertThat(argv.toString().contains("--enable-native-access=ALL-UNNAMED"))
                .isEqualTo(Runtime.version().feature() >= 22);
    }

    @Test
    void installNamesTheJavaTheKernelWillRunOnAndHowToChooseAnother() {
        String line = InstallCommand.javaLine(Path.of("/opt/jdk-25/bin/java"), Runtime.Version.parse("25.0.1+8"));
        assertThat(line).contains("Java 25.0.1+8", "/opt/jdk-25/bin/java", "run install with").doesNotContain("\n");
        assertThat(InstallCommand.currentJava()).isExecutable();
    }

    private String argvFor(int javaFeature) throws Exception {
        Path target = dir.resolve("java" + javaFeature);
        new KernelSpec("Java (Labbook)", Path.of("/opt/jdk/bin/java"), javaFeature, Path.of("/x.jar")).writeTo(target);
        return Json.MAPPER.readTree(target.resolve("kernel.json").toFile()).path("argv").toString();
    }

    @Test
    void userKernelspecsGoToJupyterDataDirWhenSet() {
        KernelSpecLocation.Options options = new KernelSpecLocation.Options();
        options.name = "labbook";

        Path directory = options.kernelDirectory(Map.of("JUPYTER_DATA_DIR", dir.toString()));

        assertThat(directory).isEqualTo(dir.resolve("kernels/labbook"));
    }

    @Test
    void userKernelspecsDefaultToTheXdgDataHomeOnLinux() {
        Path home = Path.of(System.getProperty("user.home"));

        Path data = KernelSpecLocation.userDataDirectory(Map.of());

        if (System.getProperty("os.name").toLowerCase().contains("linux")) {
            assertThat(data).isEqualTo(home.resolve(".local/share/jupyter"));
        }
        assertThat(KernelSpecLocation.userDataDirectory(Map.of("XDG_DATA_HOME", "/xdg")).toString())
                .isEqualTo(System.getProperty("os.name").toLowerCase().contains("linux") ? "/xdg/jupyter"
                        : data.toString());
    }

    @Test
    void prefixInstallsUnderShareJupyterKernels() {
        KernelSpecLocation.Choice choice = new KernelSpecLocation.Choice();
        choice.prefix = dir;

        assertThat(KernelSpecLocation.kernelsDirectory(choice, Map.of()))
                .isEqualTo(dir.resolve("share/jupyter/kernels"));
    }

    @Test
    void invalidKernelNameIsAUsageError() {
        assertThat(run("uninstall", "--prefix", dir.toString(), "--name", "bad name")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid kernel name 'bad name'");
    }

    @Test
    void uninstallRemovesAnInstalledKernelspec() throws Exception {
        Path kernelDir = dir.resolve("share/jupyter/kernels/mine");
        new KernelSpec("Mine", Path.of("/usr/bin/java"), Path.of("/x.jar")).writeTo(kernelDir);

        assertThat(run("uninstall", "--prefix", dir.toString(), "--name", "mine")).isZero();

        assertThat(kernelDir).doesNotExist();
        assertThat(out.toString()).contains("Removed kernelspec mine");
    }

    @Test
    void uninstallOfAMissingKernelspecFailsInOneLine() {
        assertThat(run("uninstall", "--prefix", dir.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).contains("No kernelspec 'labbook'").doesNotContain("\n");
    }

    @Test
    void installOutsideAJarSaysHowToRunIt() {
        assertThat(run("install", "--prefix", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("java -jar");
        assertThat(Files.exists(dir.resolve("share/jupyter/kernels/labbook"))).isFalse();
    }
}
