package cn.henan.skillshub.rules;

import java.util.List;

/**
 * One rule of the plan. The contract every rule of this package keeps, so that "the rule for clause X" is found
 * by its clause, and what it produces is stated where the rule is.
 */
public interface PlanRule {

    /** A stable id in upper snake case, e.g. {@code ONLINE_HOURS_AT_MOST_HALF}; findings carry it. */
    String id();

    /** The plan's clause, as the plan numbers it: section and item, e.g. {@code 五(二)}, {@code 六(六)}. */
    String clause();

    /** The plan's own words (Chinese), quoted. */
    String planWords();

    /** The same in English, and how the hub reads it. */
    String english();

    /**
     * What breaking the rule produces: the compliance flags, reject reasons, subsidy reasons or decisions, and
     * supervision findings, as the enum constants the hub publishes.
     */
    List<Enum<?>> produces();

    /** The name of the rule's test class: the rule's class name + {@code Tests}. */
    default String testName() {
        return getClass().getSimpleName() + "Tests";
    }
}
