package cn.henan.skillshub.simulator.trainees;

/**
 * A simulated evaluation body that assesses trainees of the roster. Each trainee goes to exactly one body, chosen
 * by the trainee's {@link CompletedTrainee#stableHash()} among the bodies present (by {@link #assessorId()}).
 */
public interface Assessor {

    /** Stable name of the body, e.g. {@code body-a}; the order of the names decides who assesses whom. */
    String assessorId();

    /** Records the trainee's assessment, certificate and revocation, as the body's own records or files. */
    void assess(CompletedTrainee trainee);
}
