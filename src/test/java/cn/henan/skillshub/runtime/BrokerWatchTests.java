package cn.henan.skillshub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** The broker down: known with its reason, and said in the log once a minute, not at every check. */
class BrokerWatchTests {

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-12-02T06:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aBrokerThatDoesNotAnswerIsAnOutageWithItsReasonLoggedOncePerMinute() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TestClock clock = new TestClock();
        BrokerWatch watch = new BrokerWatch(() -> Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + closedPort)), clock);
        try {
            watch.check();
            assertThat(watch.outage()).hasValueSatisfying(outage -> {
                assertThat(outage.since()).isEqualTo(clock.now);
                assertThat(outage.reason()).isNotBlank();
            });
            assertThat(watch.warnings()).isEqualTo(1);

            clock.now = clock.now.plus(Duration.ofSeconds(30));
            watch.check();
            assertThat(watch.warnings()).as("within the minute: not said again").isEqualTo(1);

            clock.now = clock.now.plus(Duration.ofSeconds(31));
            watch.check();
            assertThat(watch.warnings()).as("a minute on: said again").isEqualTo(2);
            assertThat(watch.outage().orElseThrow().since()).isEqualTo(Instant.parse("2026-12-02T06:00:00Z"));
        } finally {
            watch.stop();
        }
    }
}
