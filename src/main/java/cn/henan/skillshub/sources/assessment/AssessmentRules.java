package cn.henan.skillshub.sources.assessment;

/** The plan's rule on level certificates, as a named method. A broken rule is a flag on the event, not a reject. */
final class AssessmentRules {

    private AssessmentRules() {
    }

    /**
     * 理论知识考试、专业能力考核成绩均合格的,获得相应专业技术等级证书 — a level certificate goes to whoever passed
     * both the theory exam and the professional-ability assessment. A certificate whose own record says a part
     * failed breaks the rule; a part the record does not mention ({@code null}) is not held against it.
     */
    static boolean certificateWithFailedPart(Boolean theoryPassed, Boolean abilityPassed) {
        return Boolean.FALSE.equals(theoryPassed) || Boolean.FALSE.equals(abilityPassed);
    }
}
