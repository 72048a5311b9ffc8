package cn.henan.skillshub.simulator.trainees;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.simulator.realname.SimulatedPeople;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The story an evaluation-body simulator tells of a trainee: reproducible, and with every kind of decision in it. */
class AssessmentOutcomeTests {

    private static final LocalDate WINDOW_START = LocalDate.of(2025, 3, 24);

    private final List<CompletedTrainee> trainees = trainees(2000);

    @Test
    void theSameSeedTellsTheSameStoryOfTheSameTrainee_whateverItsRecordNumbers() {
        CompletedTrainee trainee = trainees.get(0);
        CompletedTrainee sameTraineeOtherRun = new CompletedTrainee("BMOTHERRUN0000001", trainee.idNumber(),
                trainee.fullName(), trainee.occupationCode(), trainee.level(), trainee.completedOn(),
                "PXZOTHERRUN0000002", trainee.totalHours());
        assertThat(AssessmentOutcome.of(sameTraineeOtherRun, 42)).isEqualTo(AssessmentOutcome.of(trainee, 42));
        assertThat(trainees.stream().map(t -> AssessmentOutcome.of(t, 42)).toList())
                .isNotEqualTo(trainees.stream().map(t -> AssessmentOutcome.of(t, 43)).toList());
    }

    @Test
    void mostAreCertifiedInsideTheAnnex3Window_someAfterIt_someWithAFailedPart_someRevoked() {
        List<AssessmentOutcome> outcomes = trainees.stream().map(t -> AssessmentOutcome.of(t, 20250324)).toList();
        long certified = outcomes.stream().filter(AssessmentOutcome::certified).count();
        long inWindow = outcomes.stream().filter(o -> o.certified() && !o.certifiedAfterStandardWindow()
                && !o.certifiedWithFailedPart()).count();
        assertThat(inWindow).isGreaterThan(outcomes.size() * 7 / 10);
        assertThat(outcomes.stream().filter(AssessmentOutcome::certifiedAfterStandardWindow).count())
                .isBetween(certified / 20, certified / 6);
        assertThat(outcomes.stream().filter(AssessmentOutcome::certifiedWithFailedPart).count()).isPositive();
        assertThat(outcomes.stream().filter(AssessmentOutcome::revoked).count())
                .isBetween(certified / 25, certified / 6);
        assertThat(outcomes.size() - certified).as("no certificate").isPositive();
    }

    @Test
    void datesFollowEachOther_andScoresAgreeWithPassed() {
        for (CompletedTrainee trainee : trainees) {
            AssessmentOutcome o = AssessmentOutcome.of(trainee, 7);
            if (o.assessedBefore(trainee)) {
                // The one in 25 assessed early, for supervision to find: a few days before the completion.
                assertThat(o.assessedOn()).isAfterOrEqualTo(trainee.completedOn().minusDays(5));
            } else {
                assertThat(o.assessedOn()).isAfter(trainee.completedOn());
            }
            assertThat(o.theoryPassed()).isEqualTo(o.theoryScore().compareTo(BigDecimal.valueOf(60)) >= 0);
            assertThat(o.abilityPassed()).isEqualTo(o.abilityScore().compareTo(BigDecimal.valueOf(60)) >= 0);
            assertThat(o.theoryScore()).isBetween(BigDecimal.ZERO, BigDecimal.valueOf(100));
            if (o.certified()) {
                assertThat(o.certificateIssuedOn()).isAfterOrEqualTo(o.assessedOn()).isAfter(WINDOW_START);
            }
            if (o.revoked()) {
                assertThat(o.revokedOn()).isAfter(o.certificateIssuedOn());
                assertThat(o.revocationReason()).isNotBlank();
            }
        }
    }

    /** Trainees as the real-name simulator makes them: classes from April to October 2025, 20 to 40 days long. */
    private static List<CompletedTrainee> trainees(int count) {
        Random random = new Random(1);
        SimulatedPeople people = new SimulatedPeople(random);
        return IntStream.range(0, count).mapToObj(i -> new CompletedTrainee("BM" + i,
                people.idNumber(LocalDate.of(1970 + random.nextInt(30), 1 + random.nextInt(12), 1 + random.nextInt(28)),
                        random.nextBoolean()), people.name(), "2-02-10-09", Level.values()[random.nextInt(3)],
                LocalDate.of(2025, 4, 27).plusDays(random.nextInt(220)), "PXZ" + i, BigDecimal.valueOf(64)))
                .toList();
    }
}
