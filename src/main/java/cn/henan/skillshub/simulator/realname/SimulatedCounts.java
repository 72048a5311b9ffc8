package cn.henan.skillshub.simulator.realname;

import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.RejectReason;
import java.util.EnumMap;
import java.util.Map;

/** What a simulator run wrote, as the hub should see it: the events each good row gives, the rejects of the bad. */
public final class SimulatedCounts {

    private final Map<EventType, Integer> events = new EnumMap<>(EventType.class);
    private final Map<RejectReason, Integer> rejects = new EnumMap<>(RejectReason.class);

    void event(EventType type) {
        events.merge(type, 1, Integer::sum);
    }

    void reject(RejectReason reason) {
        rejects.merge(reason, 1, Integer::sum);
    }

    public void add(SimulatedCounts other) {
        other.events.forEach((k, v) -> events.merge(k, v, Integer::sum));
        other.rejects.forEach((k, v) -> rejects.merge(k, v, Integer::sum));
    }

    public Map<EventType, Integer> events() {
        return Map.copyOf(events);
    }

    public Map<RejectReason, Integer> rejects() {
        return Map.copyOf(rejects);
    }

    public int totalEvents() {
        return events.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int totalRejects() {
        return rejects.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public String toString() {
        return "events " + events + ", rejects " + rejects;
    }
}
