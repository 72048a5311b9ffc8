package cn.henan.skillshub.simulator.http;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.RejectReason;
import java.util.EnumMap;
import java.util.Map;

/** What a simulator wrote, as the hub should publish it: events by type, rejects by reason, flags raised. */
public final class ExpectedOutcomes {

    private final Map<EventType, Integer> events = new EnumMap<>(EventType.class);
    private final Map<RejectReason, Integer> rejects = new EnumMap<>(RejectReason.class);
    private final Map<ComplianceFlag, Integer> flags = new EnumMap<>(ComplianceFlag.class);

    public void event(EventType type) {
        events.merge(type, 1, Integer::sum);
    }

    public void reject(RejectReason reason) {
        rejects.merge(reason, 1, Integer::sum);
    }

    public void flag(ComplianceFlag flag) {
        flags.merge(flag, 1, Integer::sum);
    }

    public synchronized void add(ExpectedOutcomes other) {
        other.events.forEach((k, v) -> events.merge(k, v, Integer::sum));
        other.rejects.forEach((k, v) -> rejects.merge(k, v, Integer::sum));
        other.flags.forEach((k, v) -> flags.merge(k, v, Integer::sum));
    }

    public Map<EventType, Integer> events() {
        return Map.copyOf(events);
    }

    public Map<RejectReason, Integer> rejects() {
        return Map.copyOf(rejects);
    }

    public Map<ComplianceFlag, Integer> flags() {
        return Map.copyOf(flags);
    }

    public int totalEvents() {
        return events.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int totalRejects() {
        return rejects.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public String toString() {
        return "events " + events + ", rejects " + rejects + ", flags " + flags;
    }
}
