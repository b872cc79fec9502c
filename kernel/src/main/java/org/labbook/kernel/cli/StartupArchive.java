package org.labbook.kernel.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A class-data sharing archive of the classes a kernel loads until its first result (JShell's compiler, the
 * kernel, ZeroMQ, the extensions), made once at install by a short training run of the jar. The kernel then maps
 * them instead of loading and verifying them on every launch: the first cell's result comes about a third
 * sooner. The JVM checks that the archive matches the jar and the Java; when it does not (the jar was
 * rebuilt, Java was upgraded) it starts as without one, silently, and a new install makes a fresh one.
 */
final class StartupArchive {
    /** The archive's name in the kernelspec folder. */
    static final String FILE_NAME = "labbook.jsa";
    /** A training run on a slow machine; past this the kernel goes without an archive. */
    private static final long TRAINING_TIMEOUT_SECONDS = 300;
    /** What the training run executes: a first cell, as a user's first cell does. */
    private static final String TRAINING_NOTEBOOK = """
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
             {"cell_type": "code", "id": "first", "metadata": {}, "execution_count": null, "outputs": [],
              "source": "1 + 1"}]}
            """;

    private StartupArchive() {
    }

    /** The flags that start a JVM from the archive, quietly falling back when it does not match. */
    static List<String> useFlags(Path archive) {
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /**
     * Runs the jar's training ({@link StartupTrainingCommand}: a one-cell notebook, then a kernel over sockets
     * answering a first cell) once with {@code -XX:ArchiveClassesAtExit}, in a scratch folder with a scratch
     * store (nothing reaches the user's store), and returns why it failed, or null when the archive was written
     * to {@code archive}.
     */
    static String create(Path java, List<String> jvmFlags, Path jar, Path archive) throws InterruptedException {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("labbook-archive");
            Path notebook = Files.writeString(scratch.resolve("first.ipynb"), TRAINING_NOTEBOOK);
            Files.deleteIfExists(archive);
            List<String> command = new ArrayList<>();
            command.add(java.toString());
            command.addAll(jvmFlags);
            command.add("-XX:ArchiveClassesAtExit=" + archive);
            command.add("-Xlog:cds=off");
            command.add("-Xlog:cds+dynamic=off");
            command.addAll(List.of("-jar", jar.toString(), "startup-training", notebook.toString(),
                    "--output", scratch.resolve("out.ipynb").toString()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(scratch.toFile())
                    .redirectErrorStream(true).redirectOutput(scratch.resolve("training.log").toFile());
            builder.environment().put("LABBOOK_STORE", scratch.resolve("store").toString());
            Process process = builder.start();
            if (!process.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return "the training run took longer than " + TRAINING_TIMEOUT_SECONDS + " s";
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(archive)) {
                return "the training run exited with " + process.exitValue();
            }
            return null;
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            if (scratch != null) {
                deleteTree(scratch);
            }
        }
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A scratch folder left in the temporary directory is harmless.
        }
    }
}
