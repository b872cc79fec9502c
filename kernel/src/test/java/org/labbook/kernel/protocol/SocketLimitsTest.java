package org.labbook.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SocketLimitsTest {
    @Test
    void defaultsAreGenerousAndTheEnvironmentOverridesThem() {
        assertThat(SocketLimits.from(Map.of())).isEqualTo(SocketLimits.standard());
        assertThat(SocketLimits.standard().maxMessageBytes()).isEqualTo(64L * 1024 * 1024);
        SocketLimits set = SocketLimits.from(Map.of(SocketLimits.MAX_MESSAGE_BYTES, " 1048576 ",
                SocketLimits.IOPUB_HWM, "5000"));
        assertThat(set.maxMessageBytes()).isEqualTo(1_048_576);
        assertThat(set.iopubHighWaterMark()).isEqualTo(5000);
    }

    @Test
    void aBadLimitIsOneLineNamingTheVariableTheRuleAndTheFix() {
        assertThatThrownBy(() -> SocketLimits.from(Map.of(SocketLimits.MAX_MESSAGE_BYTES, "64M")))
                .hasMessage("LABBOOK_MAX_MESSAGE_BYTES is '64M': it must be a whole number; unset it for the default"
                        + " of 67108864.");
        assertThatThrownBy(() -> SocketLimits.from(Map.of(SocketLimits.MAX_MESSAGE_BYTES, "0")))
                .hasMessageContaining("at least 1024 bytes").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> SocketLimits.from(Map.of(SocketLimits.IOPUB_HWM, "10")))
                .hasMessageContaining("at least 1000 messages").hasMessageNotContaining("\n");
    }

    @Test
    void onlyLoopbackAddressesAndIpcCountAsLocal() {
        assertThat(Loopback.isLoopback(info("tcp", "127.0.0.1"))).isTrue();
        assertThat(Loopback.isLoopback(info("tcp", "::1"))).isTrue();
        assertThat(Loopback.isLoopback(info("tcp", "localhost"))).isTrue();
        assertThat(Loopback.isLoopback(info("ipc", "/tmp/kernel"))).isTrue();
        assertThat(Loopback.isLoopback(info("tcp", "0.0.0.0"))).isFalse();
        assertThat(Loopback.isLoopback(info("tcp", "*"))).isFalse();
        assertThat(Loopback.isLoopback(info("tcp", "10.1.2.3"))).isFalse();
    }

    private static ConnectionInfo info(String transport, String ip) {
        return new ConnectionInfo(transport, ip, 1, 2, 3, 4, 5, "", "hmac-sha256");
    }
}
