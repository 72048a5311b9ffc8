package cn.henan.skillshub.events;

import java.time.LocalDate;

/** {@code skills.ce-hours.cancelled.v1}: a continuing-education registration withdrawn. */
public record CeHoursCancelled(
        String registrationId,
        String personKey,
        int year,
        LocalDate cancelledOn,
        String reason) {
}
