package cn.henan.skillshub.simulator;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.RejectReason;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a simulator wrote, as the hub should publish it: events by type, rejects by reason, compliance flags raised.
 * The real-name and the HTTP simulators count their writes in this one kind, so tests compare one kind of figure.
 */
public final class ExpectedOutcomes {

    private final Map<EventType, Integer> events = new EnumMap<>(EventType.class);
    private final Map<RejectReason, Integer> rejects = new EnumMap<>(RejectReason.class);
    private final Map<ComplianceFlag, Integer> flags = new EnumMap<>(ComplianceFlag.class);

    public synchronized void event(EventType type) {
        events.merge(type, 1, Integer::sum);
    }

    public synchronized void reject(RejectReason reason) {
        rejects.merge(reason, 1, Integer::sum);
    }

    public synchronized void flag(ComplianceFlag flag) {
        flags.merge(flag, 1, Integer::sum);
    }

    public synchronized void add(ExpectedOutcomes other) {
        other.events().forEach((k, v) -> events.merge(k, v, Integer::sum));
        other.rejects().forEach((k, v) -> rejects.merge(k, v, Integer::sum));
        other.flags().forEach((k, v) -> flags.merge(k, v, Integer::sum));
    }

    public synchronized Map<EventType, Integer> events() {
        return Map.copyOf(events);
    }

    public synchronized Map<RejectReason, Integer> rejects() {
        return Map.copyOf(rejects);
    }

    public synchronized Map<ComplianceFlag, Integer> flags() {
        return Map.copyOf(flags);
    }

    public synchronized int totalEvents() {
        return events.values().stream().mapToInt(Integer::intValue).sum();
    }

    public synchronized int totalRejects() {
        return rejects.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public synchronized String toString() {
        return "events " + events + ", rejects " + rejects + ", flags " + flags;
    }
}
