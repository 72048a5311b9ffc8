package cn.henan.skillshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.SubsidyDecided;
import cn.henan.skillshub.events.SupervisionFinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/rules.md}'s table is the rules of {@link PlanRules#all()}, row for row: rule, clause, what it
 * produces, its test. When a rule changes, the failure prints the rows the table must have.
 */
class RulesTableTests {

    private static final Path RULES_MD = Path.of("docs", "rules.md");
    private static final String BEGIN = "<!-- rules table: begin (RulesTableTests checks it against the code) -->";
    private static final String END = "<!-- rules table: end -->";

    /** The table's rows as the code states them. */
    static List<String> expectedRows() {
        List<String> rows = new ArrayList<>();
        rows.add("| rule | clause | plan's words | produces | test |");
        rows.add("|---|---|---|---|---|");
        for (PlanRule rule : PlanRules.all()) {
            String produces = rule.produces().stream()
                    .map(e -> "`" + e.getDeclaringClass().getSimpleName() + "." + e.name() + "`")
                    .collect(Collectors.joining(", "));
            rows.add("| [" + rule.id() + "](#" + rule.id().toLowerCase(java.util.Locale.ROOT) + ") | " + rule.clause()
                    + " | " + rule.planWords() + " | " + produces + " | [" + rule.testName() + "](../src/test/java/"
                    + "cn/henan/skillshub/rules/" + rule.testName() + ".java) |");
        }
        return rows;
    }

    @Test
    void theTableInDocsIsTheRulesOfTheCode() throws IOException {
        List<String> lines = Files.readAllLines(RULES_MD);
        int begin = lines.indexOf(BEGIN);
        int end = lines.indexOf(END);
        assertThat(begin).as("docs/rules.md has the line " + BEGIN).isNotNegative();
        assertThat(end).as("docs/rules.md has the line " + END).isGreaterThan(begin);
        List<String> table = lines.subList(begin + 1, end).stream().filter(l -> !l.isBlank()).toList();
        assertThat(table).as("docs/rules.md's table; it must read:\n" + String.join("\n", expectedRows()))
                .containsExactlyElementsOf(expectedRows());
    }

    @Test
    void everyRuleHasItsOwnSectionInTheDocs() throws IOException {
        List<String> headings = Files.readAllLines(RULES_MD).stream().filter(l -> l.startsWith("### ")).toList();
        for (PlanRule rule : PlanRules.all()) {
            assertThat(headings).as("a heading '### " + rule.id() + "' in docs/rules.md").contains("### " + rule.id());
        }
    }

    @Test
    void everyRuleHasATestNamedAfterIt() {
        for (PlanRule rule : PlanRules.all()) {
            assertThat(Files.exists(Path.of("src/test/java/cn/henan/skillshub/rules", rule.testName() + ".java")))
                    .as("the test of " + rule.getClass().getSimpleName() + ": " + rule.testName()).isTrue();
        }
    }

    @Test
    void everyRuleKeepsTheContract() {
        Set<String> ids = new HashSet<>();
        for (PlanRule rule : PlanRules.all()) {
            assertThat(rule.id()).matches("[A-Z][A-Z0-9_]+");
            assertThat(ids.add(rule.id())).as("id " + rule.id() + " is unique").isTrue();
            assertThat(rule.clause()).as(rule.id() + "'s clause").isNotBlank();
            assertThat(rule.planWords()).as(rule.id() + "'s words (Chinese)").containsPattern("\\p{IsHan}");
            assertThat(rule.english()).as(rule.id() + "'s words (English)").matches("[\\x20-\\x7E]+");
            assertThat(rule.produces()).as(rule.id() + " produces something").isNotEmpty();
        }
    }

    @Test
    void everyComplianceFlagSubsidyReasonAndFindingComesFromARule() {
        Set<Enum<?>> produced = PlanRules.all().stream().flatMap(r -> r.produces().stream()).collect(Collectors.toSet());
        assertThat(produced).containsAll(List.of(ComplianceFlag.values()));
        assertThat(produced).containsAll(List.of(SubsidyDecided.Reason.values()));
        assertThat(produced).containsAll(List.of(SupervisionFinding.Rule.values()));
    }
}
