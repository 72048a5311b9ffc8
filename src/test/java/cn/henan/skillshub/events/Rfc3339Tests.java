package cn.henan.skillshub.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Event times are written exactly as the JDK's ISO formatters write them: ce_id and ce_time depend on it. */
class Rfc3339Tests {

    @Test
    void writesWholeSecondsInUtcAsTheJdkDoes() {
        Instant version = Instant.parse("2025-03-24T01:30:00Z");
        assertThat(Rfc3339.of(version)).isEqualTo("2025-03-24T01:30:00Z").isEqualTo(version.toString());
        OffsetDateTime time = OffsetDateTime.ofInstant(version, ZoneOffset.UTC);
        assertThat(Rfc3339.of(time)).isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
    }

    @Test
    void agreesWithTheJdkOnEveryKindOfTime() {
        Random random = new Random(20250324);
        Instant[] edges = {Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("2024-02-29T23:59:59.5Z"), Instant.parse("2025-03-24T01:30:00.000001Z")};
        for (Instant edge : edges) {
            assertSame(edge);
        }
        for (int i = 0; i < 50_000; i++) {
            long second = random.nextLong(-70_000_000_000L, 260_000_000_000L);
            int nano = random.nextInt(4) == 0 ? random.nextInt(1_000_000_000) : 0;
            assertSame(Instant.ofEpochSecond(second, nano));
        }
    }

    private static void assertSame(Instant instant) {
        assertThat(Rfc3339.of(instant)).as("%s", instant).isEqualTo(instant.toString());
        for (ZoneOffset offset : new ZoneOffset[] {ZoneOffset.UTC, ZoneOffset.ofHours(8)}) {
            OffsetDateTime time = OffsetDateTime.ofInstant(instant, offset);
            assertThat(Rfc3339.of(time)).as("%s", time).isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
        }
    }
}
