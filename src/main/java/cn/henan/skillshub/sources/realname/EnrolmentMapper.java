package cn.henan.skillshub.sources.realname;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.TrainingEnrolled;
import cn.henan.skillshub.person.PersonIdentity;
import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.runtime.FieldReader;
import cn.henan.skillshub.runtime.RecordRejectedException;
import cn.henan.skillshub.runtime.SourceRecord;
import cn.henan.skillshub.runtime.SourceRecordMapper;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** Feed {@code hub_enrolment_feed}: a trainee enrolled in a class, under their real identity → {@code enrolled}. */
@Component("realNameEnrolmentMapper")
class EnrolmentMapper implements SourceRecordMapper {

    private final RealNameRecords records;
    private final TrainingCompliance compliance;

    EnrolmentMapper(RealNameRecords records, TrainingCompliance compliance) {
        this.records = records;
        this.compliance = compliance;
    }

    @Override
    public CanonicalEvent map(SourceRecord record) throws RecordRejectedException {
        FieldReader f = record.fields();
        String enrolmentNo = f.required("enrolment_no");
        PersonIdentity trainee = records.trainee(f);
        String classNo = f.required("class_no");
        String institution = f.required("institution_name");
        Occupation occupation = records.occupation(f);
        Level level = RealNameRecords.level(f);
        LocalDate enrolledOn = records.pastDate(f, "enrolled_on");
        LocalDate startsOn = f.requiredDate("starts_on");
        TrainingEnrolled data = new TrainingEnrolled(enrolmentNo, trainee.personKey(), trainee.maskedId(),
                trainee.birthMonth().toString(), trainee.sex(), classNo, f.required("plan_no"), institution,
                records.institutionCityCode(institution), occupation.code(), level, RealNameRecords.paymentMode(f),
                enrolledOn, startsOn,
                compliance.traineeFlags(institution, occupation.code(), trainee.birthMonth(), trainee.sex(), startsOn));
        return RealNameRecords.event(EventType.TRAINING_ENROLLED, record, "enrolment/" + enrolmentNo,
                trainee.personKey(), data);
    }
}
