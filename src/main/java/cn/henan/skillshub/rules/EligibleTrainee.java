package cn.henan.skillshub.rules;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.SchoolType;
import cn.henan.skillshub.events.TraineeCategory;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * 二、培育对象: "省内符合…国家职业技术技能标准的在岗或拟从事数字经济领域工作的各类人员(含新就业形态劳动者、自由职业者)、
 * 全日制高校(含技工院校高级工班、预备技师班、技师班和特殊教育院校职业教育类)毕业学年学生及离校2年内未就业高校(含技工院校
 * 高级工班、预备技师班)毕业生" — in the province; employed or about to work in the digital economy (new forms of
 * employment and freelancers included); graduating-year students of the schools named; graduates of the (fewer)
 * schools named, unemployed and within 2 years of leaving school. Checked on the day the class starts. What the source
 * does not record is not held against the trainee; each broken part is a flag, not a rejection.
 */
public final class EligibleTrainee implements PlanRule {

    public static final int GRADUATE_YEARS = 2;

    private static final Set<SchoolType> STUDENT_SCHOOLS = EnumSet.of(SchoolType.FULL_TIME_COLLEGE,
            SchoolType.TECHNICAL_SCHOOL_SENIOR_CLASS, SchoolType.PREPARATORY_TECHNICIAN_CLASS,
            SchoolType.TECHNICIAN_CLASS, SchoolType.SPECIAL_EDUCATION_VOCATIONAL);
    // 离校2年内未就业高校(含技工院校高级工班、预备技师班)毕业生: no technician class, no special-education school.
    private static final Set<SchoolType> GRADUATE_SCHOOLS = EnumSet.of(SchoolType.FULL_TIME_COLLEGE,
            SchoolType.TECHNICAL_SCHOOL_SENIOR_CLASS, SchoolType.PREPARATORY_TECHNICIAN_CLASS);

    /** The flags of a trainee's eligibility on the day the class starts; empty when eligible or not recorded. */
    public static Set<ComplianceFlag> flags(TraineeCategory category, SchoolType school, LocalDate graduatedOn,
                                            Boolean inProvince, LocalDate classStartsOn) {
        Set<ComplianceFlag> flags = EnumSet.noneOf(ComplianceFlag.class);
        if (Boolean.FALSE.equals(inProvince)) {
            flags.add(ComplianceFlag.NOT_IN_PROVINCE);
        }
        if (category == null) {
            return flags;
        }
        switch (category) {
            case OTHER -> flags.add(ComplianceFlag.NOT_AN_ELIGIBLE_CATEGORY);
            case GRADUATING_STUDENT -> {
                if (school == null || !STUDENT_SCHOOLS.contains(school)) {
                    flags.add(ComplianceFlag.SCHOOL_NOT_NAMED_IN_PLAN);
                }
            }
            case UNEMPLOYED_GRADUATE -> {
                if (school == null || !GRADUATE_SCHOOLS.contains(school)) {
                    flags.add(ComplianceFlag.SCHOOL_NOT_NAMED_IN_PLAN);
                }
                if (graduatedOn != null && graduatedOn.plusYears(GRADUATE_YEARS).isBefore(classStartsOn)) {
                    flags.add(ComplianceFlag.GRADUATE_BEYOND_TWO_YEARS);
                }
            }
            default -> { }
        }
        return flags;
    }

    @Override
    public String id() {
        return "ELIGIBLE_TRAINEE";
    }

    @Override
    public String clause() {
        return "二";
    }

    @Override
    public String planWords() {
        return "省内…在岗或拟从事数字经济领域工作的各类人员(含新就业形态劳动者、自由职业者)、全日制高校(含技工院校高级工班、"
                + "预备技师班、技师班和特殊教育院校职业教育类)毕业学年学生及离校2年内未就业高校(含技工院校高级工班、预备技师班)毕业生";
    }

    @Override
    public String english() {
        return "In the province: people employed or about to work in the digital economy (new forms of employment and "
                + "freelancers included), graduating-year students of the schools named, and graduates of the schools "
                + "named who are unemployed within 2 years of leaving school.";
    }

    @Override
    public List<Enum<?>> produces() {
        return List.of(ComplianceFlag.NOT_AN_ELIGIBLE_CATEGORY, ComplianceFlag.NOT_IN_PROVINCE,
                ComplianceFlag.GRADUATE_BEYOND_TWO_YEARS, ComplianceFlag.SCHOOL_NOT_NAMED_IN_PLAN);
    }
}
