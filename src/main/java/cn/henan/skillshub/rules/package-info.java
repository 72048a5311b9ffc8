/**
 * The plan's rules, in one place: each rule of 河南省数字经济领域技术技能人才培育项目实施方案 (printed
 * 2025-03-24) is one class here, implementing {@link cn.henan.skillshub.rules.PlanRule} (its id, its clause, the
 * plan's words in Chinese and English, what it produces), and has a test named after it ({@code <Rule>Tests}).
 * {@link cn.henan.skillshub.rules.PlanRules#all()} lists them; {@code docs/rules.md} is the table of them, and
 * {@code RulesTableTests} keeps the two the same.
 *
 * <p>The checks are pure functions of what they are given (no I/O, no clock unless passed in): the mappers of
 * {@code sources/}, the settlement service and the supervision consumer call them and turn their answers into
 * compliance flags, reject reasons, subsidy reasons and findings. Plumbing — reading fields, the ledger, the
 * reference files, the statutory retirement schedule in {@code person/} — stays where it is.
 */
package cn.henan.skillshub.rules;
