package org.labbook.context.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvidiaSmiTest {

    @TempDir
    Path dir;

    @Test
    void recordedAnswerOfAnH200MachineParsesIntoOneGpu() throws IOException {
        assertThat(NvidiaSmi.parse(fixture())).containsExactly(
                new GpuInfo(0, "NVIDIA H200", "143771 MiB", "580.159.04", "GPU-00000000-1111-2222-3333-444444444444"));
    }

    @Test
    void gpusAreAskedFromTheConfiguredExecutable() throws IOException {
        Path answer = dir.resolve("answer.csv");
        Files.writeString(answer, fixture());
        Path script = script("#!/bin/sh\ncat '" + answer + "'\n");
        assertThat(NvidiaSmi.at(script).gpus()).extracting(GpuInfo::name).containsExactly("NVIDIA H200");
    }

    @Test
    void aDriverThatDoesNotAnswerMeansNoGpu() throws IOException {
        Path script = script("#!/bin/sh\necho \"NVIDIA-SMI has failed because it couldn't communicate with the"
                + " NVIDIA driver.\"\nexit 9\n");
        assertThat(NvidiaSmi.at(script).gpus()).isEmpty();
    }

    @Test
    void aMissingProgramMeansNoGpu() {
        assertThat(NvidiaSmi.at(dir.resolve("no-such-nvidia-smi")).gpus()).isEmpty();
    }

    @Test
    void columnsAreFoundByTheirHeaderInAnyOrderAndSeveralGpusAreListed() {
        String csv = "name, memory.total [MiB], index\nTesla T4, 15360 MiB, 1\nTesla T4, 15360 MiB, 0\n";
        assertThat(NvidiaSmi.parse(csv)).containsExactly(
                new GpuInfo(1, "Tesla T4", "15360 MiB", "", ""), new GpuInfo(0, "Tesla T4", "15360 MiB", "", ""));
    }

    @Test
    void anAnswerWithoutANameColumnIsNotMistakenForGpus() {
        assertThat(NvidiaSmi.parse("No devices were found\n")).isEmpty();
    }

    private Path script(String text) throws IOException {
        Path script = dir.resolve("nvidia-smi");
        Files.writeString(script, text);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static String fixture() throws IOException {
        try (InputStream in = NvidiaSmiTest.class.getResourceAsStream("/nvidia-smi/h200-query-gpu.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
