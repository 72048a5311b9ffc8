/**
 * The real-name skills-training system (职业技能培训实名制): its exchange database in PostgreSQL, the four feeds
 * the hub polls from it (classes with their filed plans, enrolments, hours, completions), their mappers to
 * {@code skills.training.*} events, and the compliance rules of the plan that apply to training.
 */
package cn.henan.skillshub.sources.realname;
