package cn.henan.skillshub.supervision;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.SupervisionFinding.Rule;
import cn.henan.skillshub.events.SupervisionFinding.Severity;
import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.rules.PlanRule;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A finding as the inspector draws it from a case file, before it is compared with what was found before. Its id
 * depends only on the rule, the person and the stable keys of the facts (source and subject, never a version), so
 * the same facts always give the same id.
 */
record Found(Rule rule, PlanRule planRule, Severity severity, String personKey, String institutionName,
             String occupationCode, Level level, List<Fact> facts, String detail) {

    static final String CE_SOURCE = "/services/supervision";

    String findingId() {
        String keys = facts.stream().map(Fact::stableKey).sorted().collect(Collectors.joining("\u0001"));
        return CanonicalEvent.idOf(CE_SOURCE, rule.name() + "/" + personKey, keys);
    }

    /** The ce_ids of the facts, in a stable order. */
    List<String> factCeIds() {
        return facts.stream().sorted(Comparator.comparing(Fact::stableKey)).map(Fact::ceId).distinct().toList();
    }
}
