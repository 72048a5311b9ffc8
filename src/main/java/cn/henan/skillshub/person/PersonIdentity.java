package cn.henan.skillshub.person;

import java.time.YearMonth;

/**
 * What the hub may pass on about a person instead of the ID number: the pseudonymous key, the masked number for
 * human readers, and the coarse attributes the plan's rules need (birth month for the retirement-age rule, sex for
 * its retirement category, area code for the "in the province" rule).
 */
public record PersonIdentity(String personKey, String maskedId, YearMonth birthMonth, Sex sex, String areaCode) {
}
