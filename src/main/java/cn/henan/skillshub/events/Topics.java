package cn.henan.skillshub.events;

/** Topic names of the contract with subscribers; {@code kafka/topics.yaml} declares their settings. */
public final class Topics {
    public static final String TRAINING = "skills.training.v1";
    public static final String ASSESSMENT = "skills.assessment.v1";
    public static final String CE_HOURS = "skills.ce-hours.v1";
    public static final String REJECTED = "skills.hub.rejected.v1";
    public static final String CHECKPOINTS = "skills.hub.checkpoints";
    public static final String SUBSIDY_DECISIONS = "skills.subsidy.decisions.v1";
    public static final String REFERENCE = "skills.reference.v1";
    /** The cluster's fingerprint (runtime ClusterFingerprint), compacted. */
    public static final String CLUSTER = "skills.hub.cluster";
    /** Each source's status as its leader reports it (runtime ClusterChannel), compacted, keyed by source id. */
    public static final String SOURCE_STATUS = "skills.hub.source-status";
    /** Operators' commands on sources and their outcome (runtime ClusterChannel), compacted, keyed by command id. */
    public static final String CONTROL = "skills.hub.control";
    public static final String SUPERVISION_FINDINGS = "skills.supervision.findings.v1";
    /** Events a delivery route could not deliver to a subscriber (package delivery), keyed by the subscriber. */
    public static final String DELIVERY_DEAD_LETTERS = "skills.hub.delivery-dead-letters.v1";

    private Topics() {
    }
}
