package cn.henan.skillshub.runtime;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * ISO-8601 dates and timestamps as sources write them, read with {@link LocalDate#parse} and
 * {@link OffsetDateTime#parse}'s meaning but without their cost for the shapes every source uses
 * ({@code 2025-03-24}, {@code 2025-03-24T09:30:00+08:00}, {@code …Z}, with or without a fraction). Those
 * formatters build a field map per call; on a file of a million lines with three dates each they were a tenth of
 * the hub's CPU time (JFR, kafka/benchmark.sh). Any other shape goes to the JDK's parser, so what is accepted and
 * what is refused stays exactly the JDK's.
 */
final class IsoText {

    private IsoText() {
    }

    /** As {@link LocalDate#parse(CharSequence)}. */
    static LocalDate date(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                return LocalDate.of(year, month, day);
            }
        }
        return LocalDate.parse(text);
    }

    /** As {@code OffsetDateTime.parse(text).toInstant()}. */
    static Instant instant(String text) {
        Instant fast = fastInstant(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /** yyyy-MM-ddTHH:mm:ss[.f…f](Z|±HH:MM), or null for any other shape (the JDK's parser then decides). */
    private static Instant fastInstant(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int end = at + 1;
            while (end < length && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
                end++;
            }
            int fractionDigits = end - at - 1;
            if (fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            nanos = digits(text, at + 1, end);
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
            at = end;
        }
        ZoneOffset offset = offset(text, at);
        if (offset == null) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.of(date(text.substring(0, 10)),
                    LocalTime.of(hour, minute, second, nanos));
            return Instant.ofEpochSecond(local.toEpochSecond(offset), nanos);
        } catch (DateTimeException e) {
            return null; // an impossible date or time: the JDK's parser throws the usual exception
        }
    }

    /** Z or ±HH:MM ending the text at {@code at}; null for anything else. */
    private static ZoneOffset offset(String text, int at) {
        int rest = text.length() - at;
        if (rest == 1 && text.charAt(at) == 'Z') {
            return ZoneOffset.UTC;
        }
        if (rest != 6 || text.charAt(at + 3) != ':') {
            return null;
        }
        char sign = text.charAt(at);
        int hours = digits(text, at + 1, at + 3);
        int minutes = digits(text, at + 4, at + 6);
        if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
            return null;
        }
        int seconds = hours * 3600 + minutes * 60;
        return seconds > 18 * 3600 ? null : ZoneOffset.ofTotalSeconds(sign == '+' ? seconds : -seconds);
    }

    /** The number written by the ASCII digits of text[from, to), or -1 if any is not one. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
