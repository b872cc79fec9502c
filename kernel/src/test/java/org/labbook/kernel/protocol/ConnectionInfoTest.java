package org.labbook.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionInfoTest {
    @TempDir
    Path dir;

    @Test
    void readsPortsKeyAndEndpointsFromAJupyterConnectionFile() throws Exception {
        Path file = dir.resolve("kernel-1.json");
        Files.writeString(file, "{\"shell_port\": 5001, \"iopub_port\": 5002, \"stdin_port\": 5003,"
                + " \"control_port\": 5004, \"hb_port\": 5005, \"ip\": \"127.0.0.1\", \"key\": \"k\","
                + " \"transport\": \"tcp\", \"signature_scheme\": \"hmac-sha256\", \"kernel_name\": \"labbook\"}");

        ConnectionInfo info = ConnectionInfo.read(file);

        assertThat(info.key()).isEqualTo("k");
        assertThat(info.endpoint(info.shellPort())).isEqualTo("tcp://127.0.0.1:5001");
        assertThat(info.hbPort()).isEqualTo(5005);
    }

    @Test
    void missingPortIsOneLineNamingTheField() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"shell_port\": 5001}");

        assertThatThrownBy(() -> ConnectionInfo.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control_port").hasMessageNotContaining("\n");
    }

    @Test
    void otherSignatureSchemesAreRefused() throws Exception {
        Path file = dir.resolve("md5.json");
        Files.writeString(file, "{\"shell_port\": 1, \"iopub_port\": 2, \"stdin_port\": 3, \"control_port\": 4,"
                + " \"hb_port\": 5, \"key\": \"k\", \"signature_scheme\": \"hmac-md5\"}");

        assertThatThrownBy(() -> ConnectionInfo.read(file)).hasMessageContaining("hmac-md5");
    }
}
