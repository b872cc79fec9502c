package org.labbook.benchmarks;

/** Which Java a benchmark ran on, for the line every benchmark prints with its figures. */
public final class RunningJava {
    private RunningJava() {
    }

    /** e.g. "Java 25.0.3+9-LTS (Eclipse Adoptium, /usr/lib/jvm/temurin-25-jdk-amd64)". */
    public static String describe() {
        return "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.home") + ")";
    }
}
