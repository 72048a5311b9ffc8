package cn.henan.skillshub.events;

import cn.henan.skillshub.reference.Level;
import java.math.BigDecimal;
import java.time.LocalDate;

/** {@code skills.assessment.result-recorded.v1}: the two parts of a level assessment, each scored and passed or not. */
public record AssessmentResultRecorded(
        String resultId,
        String personKey,
        String maskedIdNumber,
        String evaluationBody,
        String occupationCode,
        Level level,
        LocalDate assessedOn,
        BigDecimal theoryScore,
        boolean theoryPassed,
        BigDecimal abilityScore,
        boolean abilityPassed) {
}
