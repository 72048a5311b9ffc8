package cn.henan.skillshub.rules;

import java.util.List;

/** Every rule of the plan the hub enforces or reports, in the plan's order. {@code docs/rules.md} is their table. */
public final class PlanRules {

    private PlanRules() {
    }

    public static List<PlanRule> all() {
        return List.of(
                new EligibleTrainee(),
                new NotAtRetirementAge(),
                new TrainsWithinCatalogue(),
                new PlanFiledTenDaysBefore(),
                new OnlineHoursAtMostHalf(),
                new TraineeListWithinThirtyDays(),
                new LevelCertificateNeedsBothParts(),
                new CeHoursFromTrainingCertificate(),
                new CeHoursOfTheHolderThatYear(),
                new TrainingBeforeLevelCertificate(),
                new OneClassAtATime(),
                new HoursWithinFiledPlan(),
                new StandardInForce(),
                new RequiredHoursCompleted(),
                new OneSubsidyPerLevel(),
                new NoLowerLevelAfterHigher(),
                new PaymentModes(),
                new InstitutionCityPays(),
                new RevokedCertificateRecovered(),
                new PlausibleDates());
    }
}
