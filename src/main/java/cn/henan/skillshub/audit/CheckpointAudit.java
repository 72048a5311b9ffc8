package cn.henan.skillshub.audit;

import cn.henan.skillshub.runtime.CheckpointChanged;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records each checkpoint an operator set or reset, on the instance that wrote it: who, when, how, from which
 * position to which. The call itself is recorded by {@link AuditFilter} where it was made; in a cluster that may be
 * another instance, and the change is applied later, so this record is the one with its outcome.
 */
@Component
class CheckpointAudit {

    private final AuditTrail trail;

    CheckpointAudit(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void changed(CheckpointChanged change) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("how", change.how());
        parameters.put("from", change.from());
        parameters.put("to", change.to());
        parameters.put("at", change.at().toString());
        parameters.put("appliedBy", change.appliedBy());
        trail.append(change.by(), "", "CHECKPOINT", "/api/v1/sources/" + change.source() + "/checkpoint",
                "sources/" + change.source() + "/checkpoint", parameters, 200, "checkpoint set");
    }
}
