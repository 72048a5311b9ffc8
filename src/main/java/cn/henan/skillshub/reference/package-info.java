/**
 * Reference data of the programme: the ten occupations, the subsidy standard of Annex 3, the
 * institution catalogue of Annex 2 and Henan's cities.
 *
 * <p>Source: 河南省数字经济领域技术技能人才培育项目实施方案 (Henan's implementation plan for the
 * digital-economy technical-skills talent programme, printed 2025-03-24). The data lives in reviewable
 * YAML under {@code src/main/resources/reference/}; {@link cn.henan.skillshub.reference.ReferenceData}
 * loads it at start-up, refuses inconsistent files, and answers the questions other features ask
 * (which standard is in force, is this institution in the catalogue for this occupation on this day).
 * {@code ReferenceController} publishes the same data read-only under {@code /api/v1/reference}.
 */
package cn.henan.skillshub.reference;
