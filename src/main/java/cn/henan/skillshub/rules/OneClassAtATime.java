package cn.henan.skillshub.rules;

import cn.henan.skillshub.events.SupervisionFinding.Rule;
import java.time.LocalDate;
import java.util.List;

/**
 * 七(二): "对弄虚作假、虚报冒领、违规骗取证书或补贴的单位和个人,交由有关单位依法依规处理", with 五(二)'s "线上+线下"
 * training by the filed plan — a trainee cannot attend two classes at the same time: enrolments of one person in two
 * classes whose periods (the filed plans' start and end, both days included) overlap suggest falsified attendance
 * records. A class without an end is taken to last its start day only.
 */
public final class OneClassAtATime implements PlanRule {

    /** Whether two class periods share a day. A missing end is the start day. */
    public static boolean overlap(LocalDate start1, LocalDate end1, LocalDate start2, LocalDate end2) {
        LocalDate e1 = end1 == null ? start1 : end1;
        LocalDate e2 = end2 == null ? start2 : end2;
        return !start1.isAfter(e2) && !start2.isAfter(e1);
    }

    @Override
    public String id() {
        return "ONE_CLASS_AT_A_TIME";
    }

    @Override
    public String clause() {
        return "七(二)";
    }

    @Override
    public String planWords() {
        return "对弄虚作假、虚报冒领、违规骗取证书或补贴的单位和个人,交由有关单位依法依规处理";
    }

    @Override
    public String english() {
        return "Falsified records are dealt with: a trainee enrolled in two classes that overlap in time cannot have "
                + "attended both.";
    }

    @Override
    public List<Enum<?>> produces() {
        return List.of(Rule.OVERLAPPING_ENROLMENTS);
    }
}
