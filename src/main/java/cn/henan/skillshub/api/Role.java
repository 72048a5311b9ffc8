package cn.henan.skillshub.api;

/** Who calls the hub, and so what it may do. */
public enum Role {
    /** The provincial platform: publishes reference-data versions, orders backfills. */
    PLATFORM,
    /** Operations staff: pause, resume, backfill and replay sources; every actuator endpoint. */
    OPS,
    /** Supervisors and auditors: read-only. */
    AUDITOR;

    /** The authority Spring Security checks for this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
