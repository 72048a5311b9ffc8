package cn.henan.skillshub.rules;

import cn.henan.skillshub.events.SubsidyDecided;
import cn.henan.skillshub.reference.Level;
import java.util.Collection;
import java.util.List;

/**
 * 六(六): "同一人员同一职业(工种)同一层级不得重复申领培训补贴" — one subsidy per person, occupation and level.
 */
public final class OneSubsidyPerLevel implements PlanRule {

    /** Whether none of the levels already paid for this person and occupation is this level. */
    public static boolean notYetPaidAtThisLevel(Level level, Collection<Level> levelsPaidForOccupation) {
        return levelsPaidForOccupation.stream().noneMatch(paid -> paid == level);
    }

    @Override
    public String id() {
        return "ONE_SUBSIDY_PER_LEVEL";
    }

    @Override
    public String clause() {
        return "六(六)";
    }

    @Override
    public String planWords() {
        return "同一人员同一职业(工种)同一层级不得重复申领培训补贴";
    }

    @Override
    public String english() {
        return "The same person, occupation and level: one subsidy only.";
    }

    @Override
    public List<Enum<?>> produces() {
        return List.of(SubsidyDecided.Reason.ALREADY_PAID);
    }
}
