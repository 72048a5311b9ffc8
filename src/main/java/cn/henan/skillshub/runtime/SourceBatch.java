package cn.henan.skillshub.runtime;

import java.util.List;
import java.util.Map;

/** The outcomes of one poll of a source and the position after its last record. */
public record SourceBatch(String sourceId, List<RecordOutcome> outcomes, Map<String, String> nextPosition) {

    public boolean isEmpty() {
        return outcomes.isEmpty();
    }

    public int rejected() {
        return (int) outcomes.stream().filter(RecordOutcome.Rejected.class::isInstance).count();
    }
}
