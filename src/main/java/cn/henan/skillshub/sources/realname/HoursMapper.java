package cn.henan.skillshub.sources.realname;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.TrainingHoursRecorded;
import cn.henan.skillshub.person.PersonIdentity;
import cn.henan.skillshub.rules.OnlineHoursAtMostHalf;
import cn.henan.skillshub.runtime.FieldReader;
import cn.henan.skillshub.runtime.RecordRejectedException;
import cn.henan.skillshub.runtime.SourceRecord;
import cn.henan.skillshub.runtime.SourceRecordMapper;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Feed {@code hub_hours_feed}: a trainee's hours so far, online and offline → {@code hours-recorded}. */
@Component("realNameHoursMapper")
class HoursMapper implements SourceRecordMapper {

    private final RealNameRecords records;

    HoursMapper(RealNameRecords records) {
        this.records = records;
    }

    @Override
    public CanonicalEvent map(SourceRecord record) throws RecordRejectedException {
        FieldReader f = record.fields();
        String enrolmentNo = f.required("enrolment_no");
        PersonIdentity trainee = records.trainee(f);
        BigDecimal online = f.hours("online_hours");
        BigDecimal offline = f.hours("offline_hours");
        BigDecimal courseTotal = f.hours("total_hours");
        BigDecimal attended = online.add(offline);
        RealNameRecords.checkWithinCourse(attended, courseTotal);
        Set<ComplianceFlag> flags = EnumSet.noneOf(ComplianceFlag.class);
        if (OnlineHoursAtMostHalf.onlineHoursOverHalf(online, attended)) {
            flags.add(ComplianceFlag.ONLINE_HOURS_OVER_HALF);
        }
        TrainingHoursRecorded data = new TrainingHoursRecorded(enrolmentNo, trainee.personKey(),
                f.required("class_no"), online, offline, attended, courseTotal, flags);
        return RealNameRecords.event(EventType.TRAINING_HOURS_RECORDED, record, "hours/" + enrolmentNo,
                trainee.personKey(), data);
    }
}
