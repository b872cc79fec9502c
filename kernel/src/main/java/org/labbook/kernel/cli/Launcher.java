package org.labbook.kernel.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The jar's main class. Compiled for Java 8 (see kernel/pom.xml), so that an older Java than the kernel needs
 * can still load it and hear why it cannot run Labbook in one line, instead of an UnsupportedClassVersionError
 * with a stack trace. On Java 17 and later it hands over to {@link LabbookCommand}, which it names only by
 * string: a direct reference could make an old JVM load that class while verifying this one.
 */
public final class Launcher {
    /** The oldest Java the kernel runs on. */
    static final int OLDEST_JAVA = 17;

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        String refusal = refusal(System.getProperty("java.specification.version"), System.getProperty("java.home"));
        if (refusal != null) {
            System.err.println(refusal);
            System.exit(1);
        }
        Method main = Class.forName("org.labbook.kernel.cli.LabbookCommand").getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * The line to print when this Java is too old, else null.
     *
     * @param specificationVersion java.specification.version: "1.8" for Java 8, "11", "17", "25" later on
     */
    static String refusal(String specificationVersion, String javaHome) {
        int feature = feature(specificationVersion);
        if (feature >= OLDEST_JAVA) {
            return null;
        }
        return "labbook: needs Java " + OLDEST_JAVA + " or newer, and this is Java "
                + (feature > 0 ? String.valueOf(feature) : specificationVersion) + " (" + javaHome + "); run it"
                + " with a newer java, e.g. /usr/lib/jvm/java-17-openjdk-amd64/bin/java -jar labbook.jar install";
    }

    private static int feature(String specificationVersion) {
        if (specificationVersion == null) {
            return -1;
        }
        String version = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int end = 0;
        while (end < version.length() && Character.isDigit(version.charAt(end))) {
            end++;
        }
        return end == 0 ? -1 : Integer.parseInt(version.substring(0, end));
    }
}
