package cn.henan.skillshub.events;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The text of an event's times, exactly as the JDK's ISO formatters write it, written directly for the case of
 * nearly every record — whole seconds in UTC, e.g. {@code 2025-03-24T01:30:00Z}. Every record needs two (its
 * version in {@code ce_id}, {@code ce_time}); through {@link DateTimeFormatter} they were a twentieth of the hub's
 * CPU time on the file path (JFR, kafka/benchmark.sh). Any other time goes to the JDK's formatter.
 */
public final class Rfc3339 {

    private Rfc3339() {
    }

    /** As {@link Instant#toString()}. */
    public static String of(Instant instant) {
        if (instant.getNano() == 0) {
            LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
            if (utc.getYear() >= 0 && utc.getYear() <= 9999) {
                return wholeSecondsUtc(utc);
            }
        }
        return instant.toString();
    }

    /** As {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time)}. */
    public static String of(OffsetDateTime time) {
        if (time.getNano() == 0 && time.getOffset().equals(ZoneOffset.UTC) && time.getYear() >= 0
                && time.getYear() <= 9999) {
            return wholeSecondsUtc(time.toLocalDateTime());
        }
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }

    private static String wholeSecondsUtc(LocalDateTime t) {
        char[] text = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0', 'T', '0', '0', ':', '0', '0', ':', '0', '0',
                'Z'};
        digits(text, 0, 4, t.getYear());
        digits(text, 5, 2, t.getMonthValue());
        digits(text, 8, 2, t.getDayOfMonth());
        digits(text, 11, 2, t.getHour());
        digits(text, 14, 2, t.getMinute());
        digits(text, 17, 2, t.getSecond());
        return new String(text);
    }

    private static void digits(char[] text, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
