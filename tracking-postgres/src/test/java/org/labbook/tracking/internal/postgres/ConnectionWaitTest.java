package org.labbook.tracking.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** How long a call waits for the server: the URI's connectTimeout, or five seconds. */
class ConnectionWaitTest {
    private static ConnectionSettings settings(String query) {
        return ConnectionSettings.parse("postgresql://ada@db.example/lab" + query, Map.of());
    }

    @Test
    void withoutConnectTimeoutTheWaitIsFiveSecondsAndTheDriverIsToldSo() {
        ConnectionSettings plain = settings("");
        assertThat(ConnectionWait.of(plain).duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ConnectionWait.driverNeedsIt(plain)).isTrue();
    }

    @Test
    void connectTimeoutInTheUriSetsTheWaitOfThePoolToo() {
        ConnectionSettings given = settings("?connectTimeout=2");
        assertThat(ConnectionWait.of(given).duration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(ConnectionWait.driverNeedsIt(given)).isFalse();
    }

    @Test
    void zeroOrAMalformedConnectTimeoutLeavesThePoolAtTheDefault() {
        assertThat(ConnectionWait.of(settings("?connectTimeout=0")).duration()).isEqualTo(ConnectionWait.DEFAULT);
        assertThat(ConnectionWait.of(settings("?connectTimeout=soon")).duration()).isEqualTo(ConnectionWait.DEFAULT);
    }
}
