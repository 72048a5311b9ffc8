package cn.henan.skillshub.events;

/**
 * Every fact the hub publishes: its {@code ce_type}, the topic it goes to and the data record that carries it.
 * The JSON Schema of each is {@code kafka/schemas/<ceType>.json}.
 */
public enum EventType {
    TRAINING_PLAN_FILED("skills.training.plan-filed.v1", Topics.TRAINING, TrainingPlanFiled.class),
    TRAINING_ENROLLED("skills.training.enrolled.v1", Topics.TRAINING, TrainingEnrolled.class),
    TRAINING_HOURS_RECORDED("skills.training.hours-recorded.v1", Topics.TRAINING, TrainingHoursRecorded.class),
    TRAINING_COMPLETED("skills.training.completed.v1", Topics.TRAINING, TrainingCompleted.class),
    ASSESSMENT_RESULT_RECORDED("skills.assessment.result-recorded.v1", Topics.ASSESSMENT, AssessmentResultRecorded.class),
    CERTIFICATE_ISSUED("skills.assessment.certificate-issued.v1", Topics.ASSESSMENT, CertificateIssued.class),
    CERTIFICATE_REVOKED("skills.assessment.certificate-revoked.v1", Topics.ASSESSMENT, CertificateRevoked.class),
    CE_HOURS_REGISTERED("skills.ce-hours.registered.v1", Topics.CE_HOURS, CeHoursRegistered.class),
    CE_HOURS_CANCELLED("skills.ce-hours.cancelled.v1", Topics.CE_HOURS, CeHoursCancelled.class),
    RECORD_REJECTED("skills.hub.record-rejected.v1", Topics.REJECTED, RecordRejected.class),
    SUBSIDY_DECIDED("skills.subsidy.decided.v1", Topics.SUBSIDY_DECISIONS, SubsidyDecided.class),
    SUPERVISION_FINDING("skills.supervision.finding.v1", Topics.SUPERVISION_FINDINGS, SupervisionFinding.class);

    private final String ceType;
    private final String topic;
    private final Class<?> dataClass;

    EventType(String ceType, String topic, Class<?> dataClass) {
        this.ceType = ceType;
        this.topic = topic;
        this.dataClass = dataClass;
    }

    public String ceType() {
        return ceType;
    }

    public String topic() {
        return topic;
    }

    public Class<?> dataClass() {
        return dataClass;
    }

    /**
     * The path of this type's schema on the hub ({@code $id} of the schema file); {@code ce_dataschema} is this
     * path under the hub's public URL ({@link EventEnvelope#dataSchemaOf}).
     */
    public String dataSchema() {
        return "/schemas/" + ceType + ".json";
    }

    public static EventType ofCeType(String ceType) {
        for (EventType type : values()) {
            if (type.ceType.equals(ceType)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown ce_type " + ceType);
    }
}
