package cn.henan.skillshub.simulator.trainees;

import cn.henan.skillshub.reference.Level;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A trainee who completed a class in the real-name training system, as the other source systems know them: by
 * ID number, name, occupation and level, with the training certificate (培训合格证书) and its hours.
 *
 * @param occupationCode as the training plan wrote it (the plan's edition or the 2022 edition)
 * @param totalHours     hours attended, online and offline together
 */
public record CompletedTrainee(String enrolmentNo, String idNumber, String fullName, String occupationCode,
                               Level level, LocalDate completedOn, String trainingCertificateNo,
                               BigDecimal totalHours) {

    /**
     * A number that depends only on who the trainee is and what they trained for — not on record numbers or
     * timing — so a seeded simulator tells the same story of the same trainee in every run.
     */
    public long stableHash() {
        long hash = 1125899906842597L;
        for (char c : (idNumber + "|" + occupationCode + "|" + level.name()).toCharArray()) {
            hash = 31 * hash + c;
        }
        return hash;
    }

    @Override
    public String toString() {
        // Never the ID number or the name: this may end up in a log line.
        return "CompletedTrainee[" + enrolmentNo + ", " + occupationCode + " " + level + "]";
    }
}
