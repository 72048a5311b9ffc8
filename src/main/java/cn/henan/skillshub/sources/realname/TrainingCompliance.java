package cn.henan.skillshub.sources.realname;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.person.Sex;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.rules.NotAtRetirementAge;
import cn.henan.skillshub.rules.TrainsWithinCatalogue;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The flags a trainee's records carry, from the plan's rules in {@code cn.henan.skillshub.rules}
 * ({@link TrainsWithinCatalogue}, {@link NotAtRetirementAge}). A broken rule is a {@link ComplianceFlag} on the
 * published event, not a rejection: supervisors see it, the subsidy service weighs it.
 */
@Component
public class TrainingCompliance {

    private final ReferenceData reference;

    TrainingCompliance(ReferenceData reference) {
        this.reference = reference;
    }

    /** {@link TrainsWithinCatalogue}: the institution may not train this occupation on this day. */
    boolean institutionNotInCatalogue(String institutionName, String occupationCode, LocalDate onDate) {
        return TrainsWithinCatalogue.notInCatalogue(reference, institutionName, occupationCode, onDate);
    }

    /** The flags of a trainee in a class: catalogue and retirement age. */
    Set<ComplianceFlag> traineeFlags(String institutionName, String occupationCode, YearMonth birthMonth, Sex sex,
                                     LocalDate classStartsOn) {
        Set<ComplianceFlag> flags = EnumSet.noneOf(ComplianceFlag.class);
        if (institutionNotInCatalogue(institutionName, occupationCode, classStartsOn)) {
            flags.add(ComplianceFlag.INSTITUTION_NOT_IN_CATALOGUE);
        }
        if (NotAtRetirementAge.atOrPastRetirementAge(birthMonth, sex, classStartsOn)) {
            flags.add(ComplianceFlag.AT_OR_PAST_RETIREMENT_AGE);
        }
        return flags;
    }
}
