package cn.henan.skillshub.sources.realname;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.events.SchoolType;
import cn.henan.skillshub.events.TraineeCategory;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.TrainingEnrolled;
import cn.henan.skillshub.person.PersonIdentity;
import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.rules.EligibleTrainee;
import cn.henan.skillshub.runtime.FieldReader;
import cn.henan.skillshub.runtime.RecordRejectedException;
import cn.henan.skillshub.runtime.SourceRecord;
import cn.henan.skillshub.runtime.SourceRecordMapper;
import cn.henan.skillshub.sources.SourceRecords;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Feed {@code hub_enrolment_feed}: a trainee enrolled in a class, under their real identity → {@code enrolled}, with
 * the trainee's group, school, graduation and province where the real-name system records them (二、培育对象).
 */
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
        TraineeCategory category = optionalEnum(f, "trainee_category", TraineeCategory.class);
        SchoolType school = optionalEnum(f, "school_type", SchoolType.class);
        LocalDate graduatedOn = f.optionalDate("graduated_on");
        Boolean inProvince = SourceRecords.optionalBoolean(f, "in_province");
        Set<ComplianceFlag> flags = compliance.traineeFlags(institution, occupation.code(), trainee.birthMonth(),
                trainee.sex(), startsOn);
        flags.addAll(EligibleTrainee.flags(category, school, graduatedOn, inProvince, startsOn));
        TrainingEnrolled data = new TrainingEnrolled(enrolmentNo, trainee.personKey(), trainee.maskedId(),
                trainee.birthMonth().toString(), trainee.sex(), classNo, f.required("plan_no"), institution,
                records.institutionCityCode(institution), occupation.code(), level, RealNameRecords.paymentMode(f),
                enrolledOn, startsOn, flags, category, school, graduatedOn, inProvince);
        return RealNameRecords.event(EventType.TRAINING_ENROLLED, record, "enrolment/" + enrolmentNo,
                trainee.personKey(), data);
    }

    /** An optional field holding one of the enum's names; anything else is a malformed record. */
    private static <E extends Enum<E>> E optionalEnum(FieldReader f, String field, Class<E> type)
            throws RecordRejectedException {
        String text = f.optional(field);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RecordRejectedException(RejectReason.MALFORMED_RECORD, "field '" + field + "' is none of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
