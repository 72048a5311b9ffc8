package cn.henan.skillshub.sources.mapping;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;

/**
 * How a body writes a date or a time: {@code iso} (2025-06-30, 2025-06-30T10:00:00+08:00 — read by the canonical
 * mapper as today), {@code epoch-millis}, {@code epoch-seconds}, or a {@link DateTimeFormatter} pattern
 * ({@code yyyyMMdd}, {@code yyyy/M/d}, {@code yyyy-MM-dd HH:mm:ss}) read strictly: 2025/2/30 is no date. Local
 * times and instants turned into dates are in the body's time zone.
 */
sealed interface TimeFormat {

    /** The date a value stands for, or null when it is not one in this format. */
    LocalDate date(Object value, ZoneId zone);

    /** The instant a value stands for, or null when it is not one in this format. */
    Instant instant(Object value, ZoneId zone);

    String describe();

    static TimeFormat of(String text) {
        return switch (text) {
            case "iso" -> new Iso();
            case "epoch-millis" -> new Epoch(1);
            case "epoch-seconds" -> new Epoch(1000);
            default -> new Pattern(text, DateTimeFormatter.ofPattern(text.replace("yyyy", "uuuu").replace("yy", "uu"))
                    .withResolverStyle(ResolverStyle.STRICT));
        };
    }

    record Iso() implements TimeFormat {
        @Override
        public LocalDate date(Object value, ZoneId zone) {
            try {
                return LocalDate.parse(value.toString().strip());
            } catch (DateTimeException e) {
                return null;
            }
        }

        @Override
        public Instant instant(Object value, ZoneId zone) {
            String text = value.toString().strip();
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException e) {
                try {
                    return LocalDateTime.parse(text).atZone(zone).toInstant();
                } catch (DateTimeException notLocal) {
                    return null;
                }
            }
        }

        @Override
        public String describe() {
            return "iso";
        }
    }

    record Epoch(long millisPerUnit) implements TimeFormat {
        @Override
        public LocalDate date(Object value, ZoneId zone) {
            Instant instant = instant(value, zone);
            return instant == null ? null : instant.atZone(zone).toLocalDate();
        }

        @Override
        public Instant instant(Object value, ZoneId zone) {
            try {
                BigDecimal number = value instanceof BigDecimal d ? d : new BigDecimal(value.toString().strip());
                return Instant.ofEpochMilli(number.longValueExact() * millisPerUnit);
            } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
                return null;
            }
        }

        @Override
        public String describe() {
            return millisPerUnit == 1 ? "epoch-millis" : "epoch-seconds";
        }
    }

    record Pattern(String pattern, DateTimeFormatter formatter) implements TimeFormat {
        @Override
        public LocalDate date(Object value, ZoneId zone) {
            TemporalAccessor parsed = parse(value);
            if (parsed == null) {
                return null;
            }
            if (parsed.query(TemporalQueries.offset()) != null && parsed.query(TemporalQueries.localTime()) != null) {
                return OffsetDateTime.from(parsed).atZoneSameInstant(zone).toLocalDate();
            }
            return parsed.query(TemporalQueries.localDate());
        }

        @Override
        public Instant instant(Object value, ZoneId zone) {
            TemporalAccessor parsed = parse(value);
            if (parsed == null || parsed.query(TemporalQueries.localDate()) == null) {
                return null;
            }
            try {
                if (parsed.query(TemporalQueries.offset()) != null) {
                    return OffsetDateTime.from(parsed).toInstant();
                }
                if (parsed.query(TemporalQueries.localTime()) == null) {
                    return parsed.query(TemporalQueries.localDate()).atStartOfDay(zone).toInstant();
                }
                return LocalDateTime.from(parsed).atZone(zone).toInstant();
            } catch (DateTimeException e) {
                return null;
            }
        }

        private TemporalAccessor parse(Object value) {
            try {
                return formatter.parse(value.toString().strip());
            } catch (DateTimeException e) {
                return null;
            }
        }

        @Override
        public String describe() {
            return pattern;
        }
    }
}
