package cn.henan.skillshub.sources.realname;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.events.TrainingCompleted;
import cn.henan.skillshub.person.PersonIdentity;
import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.rules.OnlineHoursAtMostHalf;
import cn.henan.skillshub.rules.PlausibleDates;
import cn.henan.skillshub.rules.TraineeListWithinThirtyDays;
import cn.henan.skillshub.runtime.FieldReader;
import cn.henan.skillshub.runtime.RecordRejectedException;
import cn.henan.skillshub.runtime.SourceRecord;
import cn.henan.skillshub.runtime.SourceRecordMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Feed {@code hub_completion_feed}: a trainee passed the completion exam and holds the training certificate →
 * {@code completed}, carrying the hours, the institution's city and the payment mode the subsidy needs.
 */
@Component("realNameCompletionMapper")
class CompletionMapper implements SourceRecordMapper {

    private final RealNameRecords records;
    private final TrainingCompliance compliance;

    CompletionMapper(RealNameRecords records, TrainingCompliance compliance) {
        this.records = records;
        this.compliance = compliance;
    }

    @Override
    public CanonicalEvent map(SourceRecord record) throws RecordRejectedException {
        FieldReader f = record.fields();
        String enrolmentNo = f.required("enrolment_no");
        PersonIdentity trainee = records.trainee(f);
        String institution = f.required("institution_name");
        Occupation occupation = records.occupation(f);
        Level level = RealNameRecords.level(f);
        LocalDate startsOn = f.requiredDate("starts_on");
        LocalDate completedOn = records.pastDate(f, "completed_on");
        if (PlausibleDates.endsBeforeStart(startsOn, completedOn)) {
            throw new RecordRejectedException(RejectReason.IMPOSSIBLE_DATE, "completed_on is before the class starts");
        }
        LocalDate listReportedOn = records.optionalPastDate(f, "list_reported_on");
        if (PlausibleDates.endsBeforeStart(completedOn, listReportedOn)) {
            throw new RecordRejectedException(RejectReason.IMPOSSIBLE_DATE, "list_reported_on is before completed_on");
        }
        BigDecimal online = f.hours("online_hours");
        BigDecimal offline = f.hours("offline_hours");
        BigDecimal attended = online.add(offline);
        RealNameRecords.checkWithinCourse(attended, f.hours("total_hours"));

        Set<ComplianceFlag> flags = compliance.traineeFlags(institution, occupation.code(), trainee.birthMonth(),
                trainee.sex(), startsOn);
        if (OnlineHoursAtMostHalf.onlineHoursOverHalf(online, attended)) {
            flags.add(ComplianceFlag.ONLINE_HOURS_OVER_HALF);
        }
        if (TraineeListWithinThirtyDays.traineeListReportedLate(completedOn, listReportedOn)) {
            flags.add(ComplianceFlag.TRAINEE_LIST_REPORTED_LATE);
        }
        TrainingCompleted data = new TrainingCompleted(enrolmentNo, trainee.personKey(), trainee.maskedId(),
                trainee.birthMonth().toString(), f.required("class_no"), institution,
                records.institutionCityCode(institution), occupation.code(), level, RealNameRecords.paymentMode(f),
                startsOn, completedOn, f.required("certificate_no"), online, offline, attended, listReportedOn, flags);
        return RealNameRecords.event(EventType.TRAINING_COMPLETED, record, "completion/" + enrolmentNo,
                trainee.personKey(), data);
    }
}
