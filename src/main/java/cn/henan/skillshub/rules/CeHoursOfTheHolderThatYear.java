package cn.henan.skillshub.rules;

import cn.henan.skillshub.events.SupervisionFinding.Rule;
import java.time.LocalDate;
import java.util.List;

/**
 * 六(一): "对取得培训合格证书的,可登记为当年度相应的专业技术人员继续教育专业科目学时" — the one who obtained the
 * certificate (取得…的) registers it, for that year (当年度), once. Joined on the training certificate number across
 * the real-name system and the CE hour registry: hours registered from another person's certificate, for another
 * year than the one it was obtained in, or from one certificate more than once (cancelled registrations not
 * counted) are findings (虚报冒领).
 */
public final class CeHoursOfTheHolderThatYear implements PlanRule {

    /** Whether the registrant is not the certificate's trainee. */
    public static boolean forAnotherPerson(String registrantPersonKey, String holderPersonKey) {
        return !registrantPersonKey.equals(holderPersonKey);
    }

    /** Whether the registration's year is not the year the certificate was obtained (the training completed). */
    public static boolean forAnotherYear(int registeredYear, LocalDate certificateObtainedOn) {
        return registeredYear != certificateObtainedOn.getYear();
    }

    /** Whether one certificate stands behind more than one live (not cancelled) registration. */
    public static boolean registeredTwice(long liveRegistrationsOfTheCertificate) {
        return liveRegistrationsOfTheCertificate > 1;
    }

    @Override
    public String id() {
        return "CE_HOURS_OF_THE_HOLDER_THAT_YEAR";
    }

    @Override
    public String clause() {
        return "六(一)";
    }

    @Override
    public String planWords() {
        return "对取得培训合格证书的,可登记为当年度相应的专业技术人员继续教育专业科目学时";
    }

    @Override
    public String english() {
        return "Whoever obtained the training certificate may register it as that year's CE hours: the holder, that "
                + "year, once.";
    }

    @Override
    public List<Enum<?>> produces() {
        return List.of(Rule.CE_HOURS_FOR_ANOTHER_PERSON, Rule.CE_HOURS_FOR_ANOTHER_YEAR, Rule.CE_HOURS_REGISTERED_TWICE);
    }
}
