package cn.henan.skillshub.sources.realname;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.events.TrainingPlanFiled;
import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.rules.OnlineHoursAtMostHalf;
import cn.henan.skillshub.rules.PlanFiledTenDaysBefore;
import cn.henan.skillshub.rules.PlausibleDates;
import cn.henan.skillshub.runtime.FieldReader;
import cn.henan.skillshub.runtime.RecordRejectedException;
import cn.henan.skillshub.runtime.SourceRecord;
import cn.henan.skillshub.runtime.SourceRecordMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Feed {@code hub_class_feed}: a class with the training plan it was filed under → {@code plan-filed}. */
@Component("realNameClassPlanMapper")
class ClassPlanMapper implements SourceRecordMapper {

    private final RealNameRecords records;
    private final TrainingCompliance compliance;

    ClassPlanMapper(RealNameRecords records, TrainingCompliance compliance) {
        this.records = records;
        this.compliance = compliance;
    }

    @Override
    public CanonicalEvent map(SourceRecord record) throws RecordRejectedException {
        FieldReader f = record.fields();
        String classNo = f.required("class_no");
        String planNo = f.required("plan_no");
        String institution = f.required("institution_name");
        Occupation occupation = records.occupation(f);
        Level level = RealNameRecords.level(f);
        LocalDate filedOn = records.pastDate(f, "filed_on");
        LocalDate startsOn = f.requiredDate("starts_on");
        LocalDate endsOn = f.optionalDate("ends_on");
        if (PlausibleDates.endsBeforeStart(startsOn, endsOn)) {
            throw new RecordRejectedException(RejectReason.IMPOSSIBLE_DATE, "class ends_on is before starts_on");
        }
        BigDecimal totalHours = f.hours("total_hours");
        BigDecimal onlineHours = f.hours("planned_online_hours");
        RealNameRecords.checkWithinCourse(onlineHours, totalHours);

        Set<ComplianceFlag> flags = EnumSet.noneOf(ComplianceFlag.class);
        if (PlanFiledTenDaysBefore.planFiledLate(filedOn, startsOn)) {
            flags.add(ComplianceFlag.PLAN_FILED_LATE);
        }
        if (OnlineHoursAtMostHalf.onlineHoursOverHalf(onlineHours, totalHours)) {
            flags.add(ComplianceFlag.ONLINE_HOURS_OVER_HALF);
        }
        if (compliance.institutionNotInCatalogue(institution, occupation.code(), startsOn)) {
            flags.add(ComplianceFlag.INSTITUTION_NOT_IN_CATALOGUE);
        }
        TrainingPlanFiled data = new TrainingPlanFiled(classNo, planNo, institution,
                records.institutionCityCode(institution), occupation.code(), occupation.code2022(), level, filedOn,
                startsOn, endsOn, totalHours, onlineHours, flags);
        return RealNameRecords.event(EventType.TRAINING_PLAN_FILED, record, "class/" + classNo, "class/" + classNo,
                data);
    }
}
