package cn.henan.skillshub.rules;

import cn.henan.skillshub.events.SubsidyDecided;
import cn.henan.skillshub.reference.Level;
import java.util.Collection;
import java.util.List;

/**
 * 六(六): "已享受高等级补贴的,不得再享受低等级补贴" — a person already paid at a higher level of the occupation is not
 * paid at a lower one.
 */
public final class NoLowerLevelAfterHigher implements PlanRule {

    /** Whether no level already paid for this person and occupation is above this one. */
    public static boolean notPaidAtAHigherLevel(Level level, Collection<Level> levelsPaidForOccupation) {
        return levelsPaidForOccupation.stream().noneMatch(paid -> paid.rank() > level.rank());
    }

    @Override
    public String id() {
        return "NO_LOWER_LEVEL_AFTER_HIGHER";
    }

    @Override
    public String clause() {
        return "六(六)";
    }

    @Override
    public String planWords() {
        return "已享受高等级补贴的,不得再享受低等级补贴";
    }

    @Override
    public String english() {
        return "A person already paid at a higher level is not paid at a lower one.";
    }

    @Override
    public List<Enum<?>> produces() {
        return List.of(SubsidyDecided.Reason.HIGHER_LEVEL_ALREADY_PAID);
    }
}
