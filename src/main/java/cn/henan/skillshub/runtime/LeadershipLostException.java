package cn.henan.skillshub.runtime;

/**
 * This instance does not lead the source (any more): it must not open the source's producer, which would fence the
 * leader, nor commit a batch. A batch whose commit finds the leadership gone is aborted; the leader resumes from the
 * committed checkpoint.
 */
public class LeadershipLostException extends RuntimeException {
    public LeadershipLostException(String sourceId) {
        super("this instance does not lead source " + sourceId + " (any more); its leader publishes it");
    }

    /** A batch of a source this instance leads but may not commit now, and why. */
    public LeadershipLostException(String sourceId, String why) {
        super("source " + sourceId + " commits nothing: " + why);
    }
}
