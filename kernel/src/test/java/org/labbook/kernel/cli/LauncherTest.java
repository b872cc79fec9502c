package org.labbook.kernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

class LauncherTest {
    @Test
    void javaOlderThan17IsRefusedInOneLineNamingItsVersionAndTheFix() {
        String refusal = Launcher.refusal("11", "/usr/lib/jvm/java-11");
        assertThat(refusal).contains("needs Java 17 or newer", "this is Java 11", "/usr/lib/jvm/java-11",
                "-jar labbook.jar").doesNotContain("\n");
        assertThat(Launcher.refusal("1.8", "/opt/jre8")).contains("this is Java 8 (/opt/jre8)");
        assertThat(Launcher.refusal("16", "/opt/jdk16")).contains("this is Java 16");
    }

    @Test
    void java17AndLaterAreLetThrough() {
        assertThat(Launcher.refusal("17", "/a")).isNull();
        assertThat(Launcher.refusal("21", "/a")).isNull();
        assertThat(Launcher.refusal("25", "/a")).isNull();
        assertThat(Launcher.refusal(System.getProperty("java.specification.version"), "/a")).isNull();
    }

    /** Class file version 52 is what Java 8 loads; a later one would fail there before the refusal could print. */
    @Test
    void launcherClassLoadsOnJava8() throws Exception {
        try (InputStream in = Launcher.class.getResourceAsStream("Launcher.class")) {
            byte[] header = in.readNBytes(8);
            assertThat(((header[6] & 0xff) << 8) | (header[7] & 0xff)).isEqualTo(52);
        }
    }
}
