package cn.henan.skillshub.sources.cehours;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.CeHoursCancelled;
import cn.henan.skillshub.events.CeHoursCategory;
import cn.henan.skillshub.events.CeHoursRegistered;
import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.RejectReason;
import cn.henan.skillshub.person.PersonIdentity;
import cn.henan.skillshub.rules.CeHoursFromTrainingCertificate;
import cn.henan.skillshub.runtime.FieldReader;
import cn.henan.skillshub.runtime.RecordRejectedException;
import cn.henan.skillshub.runtime.SourceRecord;
import cn.henan.skillshub.runtime.SourceRecordMapper;
import cn.henan.skillshub.sources.SourceRecords;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A registration of the CE hour registry, by its {@code status}: {@code REGISTERED} → {@code registered},
 * {@code CANCELLED} → {@code cancelled}. Fields: registration_id, id_number, year, category (公需/专业 or
 * PUBLIC/PROFESSIONAL), hours, training_certificate_no, status, cancelled_on, reason, updated_at (the version).
 */
@Component(CeHoursRecordMapper.BEAN)
class CeHoursRecordMapper implements SourceRecordMapper {

    static final String BEAN = "ceHoursRecordMapper";

    private final SourceRecords records;
    private final TrainingCertificateHours trainingHours;

    CeHoursRecordMapper(SourceRecords records, TrainingCertificateHours trainingHours) {
        this.records = records;
        this.trainingHours = trainingHours;
    }

    @Override
    public CanonicalEvent map(SourceRecord record) throws RecordRejectedException {
        FieldReader f = record.fields();
        String status = f.required("status").toUpperCase(Locale.ROOT);
        return switch (status) {
            case "REGISTERED" -> registered(record, f);
            case "CANCELLED" -> cancelled(record, f);
            default -> throw new RecordRejectedException(RejectReason.MALFORMED_RECORD,
                    "status '" + status + "' is neither REGISTERED nor CANCELLED");
        };
    }

    private CanonicalEvent registered(SourceRecord record, FieldReader f) throws RecordRejectedException {
        String registrationId = f.required("registration_id");
        PersonIdentity person = records.person(f);
        int year = year(f);
        records.checkPlausibleYear("year", year);
        CeHoursCategory category = category(f);
        BigDecimal hours = f.hours("hours");
        String certificateNo = f.optional("training_certificate_no");
        Set<ComplianceFlag> flags = EnumSet.noneOf(ComplianceFlag.class);
        if (certificateNo != null) {
            Optional<BigDecimal> ofTraining = trainingHours.hoursOf(certificateNo);
            if (ofTraining.isEmpty()) {
                flags.add(ComplianceFlag.TRAINING_CERTIFICATE_UNKNOWN);
            } else if (CeHoursFromTrainingCertificate.ceHoursExceedTrainingHours(hours, ofTraining.get())) {
                flags.add(ComplianceFlag.CE_HOURS_EXCEED_TRAINING_HOURS);
            }
        }
        CeHoursRegistered data = new CeHoursRegistered(registrationId, person.personKey(), year, category, hours,
                certificateNo, "REGISTERED", flags);
        return SourceRecords.event(EventType.CE_HOURS_REGISTERED, record, "registration/" + registrationId,
                person.personKey(), data);
    }

    private CanonicalEvent cancelled(SourceRecord record, FieldReader f) throws RecordRejectedException {
        String registrationId = f.required("registration_id");
        PersonIdentity person = records.person(f);
        int year = year(f);
        records.checkPlausibleYear("year", year);
        CeHoursCancelled data = new CeHoursCancelled(registrationId, person.personKey(), year,
                records.pastDate(f, "cancelled_on"), f.optional("reason"));
        return SourceRecords.event(EventType.CE_HOURS_CANCELLED, record, "cancellation/" + registrationId,
                person.personKey(), data);
    }

    private static int year(FieldReader f) throws RecordRejectedException {
        String text = f.required("year");
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RecordRejectedException(RejectReason.MALFORMED_RECORD, "field 'year' is not a year");
        }
    }

    /** 公需科目 (general) or 专业科目 (professional), in Chinese or English. */
    private static CeHoursCategory category(FieldReader f) throws RecordRejectedException {
        String text = f.required("category");
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "公需", "公需科目", "PUBLIC" -> CeHoursCategory.PUBLIC;
            case "专业", "专业科目", "PROFESSIONAL" -> CeHoursCategory.PROFESSIONAL;
            default -> throw new RecordRejectedException(RejectReason.MALFORMED_RECORD,
                    "category '" + text + "' is neither 公需 nor 专业");
        };
    }
}
