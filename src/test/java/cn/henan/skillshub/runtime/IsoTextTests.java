package cn.henan.skillshub.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The fast reading of ISO dates and timestamps accepts and refuses exactly what the JDK's parsers do. */
class IsoTextTests {

    @ParameterizedTest
    @ValueSource(strings = {"2025-03-24", "2024-02-29", "0001-01-01", "9999-12-31", "2025-12-01"})
    void readsTheDatesTheJdkReads(String text) {
        assertThat(IsoText.date(text)).isEqualTo(LocalDate.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-29", "2025-02-30", "2025-13-01", "2025-00-10", "2025-04-31", "2025-3-24",
            "2025/03/24", "20250324", "2025-03-2x", "２０２５-03-24", "", "+12025-03-24x", "2025-03-24 "})
    void refusesTheDatesTheJdkRefuses(String text) {
        assertThatThrownBy(() -> LocalDate.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoText.date(text)).isInstanceOf(DateTimeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-03-24T09:30:00+08:00", "2025-03-24T09:30:00Z", "2025-03-24T01:30:00.5+08:00",
            "2025-03-24T01:30:00.123456789-05:30", "2025-03-24T23:59:59.000Z", "2025-03-24T09:30+08:00",
            "2025-03-24T09:30:00+08:00:00", "2025-03-24T00:00:00-00:00", "2025-03-24T09:30:00+18:00",
            "2024-02-29T12:00:00+0800", "+12025-03-24T09:30:00Z",
            // Shapes the JDK reads though few would expect it to: the JDK's parser decides them.
            "2025-03-24T09:30:00.Z", "2025-03-24T09:30:00z", "2025-03-24T09:30:00+08", "2025-03-24t09:30:00Z"})
    void readsTheTimestampsTheJdkReads(String text) {
        try {
            Instant expected = OffsetDateTime.parse(text).toInstant();
            assertThat(IsoText.instant(text)).isEqualTo(expected);
        } catch (DateTimeParseException refused) {
            assertThatThrownBy(() -> IsoText.instant(text)).isInstanceOf(DateTimeException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-30T09:30:00+08:00", "2025-03-24T24:00:00+08:00", "2025-03-24T09:60:00Z",
            "2025-03-24T09:30:60Z", "2025-03-24T09:30:00", "2025-03-24T09:30:00+19:00",
            "2025-03-24T09:30:00.1234567890Z", "2025-03-24 09:30:00+08:00", "2025-03-24T09:30:00+08:60",
            "not a time"})
    void refusesTheTimestampsTheJdkRefuses(String text) {
        assertThatThrownBy(() -> OffsetDateTime.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoText.instant(text)).isInstanceOf(DateTimeException.class);
    }

    @Test
    void agreesWithTheJdkOnRandomTimestamps() {
        Random random = new Random(20250324);
        for (int i = 0; i < 20_000; i++) {
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", 1990 + random.nextInt(40),
                    random.nextInt(14), random.nextInt(33), random.nextInt(25), random.nextInt(61),
                    random.nextInt(61), random.nextBoolean() ? "" : "." + random.nextInt(1000),
                    random.nextBoolean() ? "Z" : String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-",
                            random.nextInt(20), random.nextInt(61)));
            Instant expected;
            try {
                expected = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException refused) {
                assertThatThrownBy(() -> IsoText.instant(text)).as(text).isInstanceOf(DateTimeException.class);
                continue;
            }
            assertThat(IsoText.instant(text)).as(text).isEqualTo(expected);
        }
    }
}
