package cn.henan.skillshub.settlement;

import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settlement consumers' static membership of their group (design decision 54): the {@code group.instance.id}
 * this instance's consumers join with (Spring Kafka adds {@code -0}, {@code -1}, … per consumer thread). A member
 * that comes back under its id within the session timeout gets its partitions back at once, so a JVM restarted
 * after {@code kill -9} no longer waits for the dead member's session (45 s) to expire.
 *
 * <p>{@code SETTLEMENT_GROUP_INSTANCE_ID} set: that name (the operator keeps it unique, e.g. a StatefulSet pod name;
 * a second live member with the same name fences the first, whose consumers stop). {@code none}: dynamic
 * membership, as before. Empty (the default): a slot numbered from 0, held in the ledger's database as a
 * session-level advisory lock on a connection kept for the instance's life — the lowest slot no live instance
 * holds. Two live instances can never hold the same slot; a killed instance's slot is free again as soon as its
 * connection is gone, so its successor takes the same slot, the same name and the same partitions.
 */
final class SettlementMembership {

    private static final Logger log = LoggerFactory.getLogger(SettlementMembership.class);

    /** Advisory-lock class of the slots: apart from the person locks (class-free keys) and the outbox's (4). */
    private static final int SLOT_LOCK_CLASS = 54;
    /** More instances of one ledger than this is a configuration error, not a cluster. */
    static final int MAX_SLOTS = 64;

    private final DataSource ledger;
    private final String groupId;
    private final String configured;
    private Connection slotHolder;
    private int slot = -1;

    SettlementMembership(DataSource ledger, String groupId, String configured) {
        this.ledger = ledger;
        this.groupId = groupId;
        this.configured = configured == null ? "" : configured.trim();
    }

    /** The {@code group.instance.id} to join with, or empty for dynamic membership. Takes a slot on the first call. */
    synchronized Optional<String> groupInstanceId() {
        if (configured.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        if (!configured.isEmpty()) {
            return Optional.of(configured);
        }
        if (slotHolder == null) {
            takeSlot();
        }
        String id = groupId + "-slot" + slot;
        log.info("settlement consumers join group {} as static member {} (slot {} held in the ledger)", groupId, id,
                slot);
        return Optional.of(id);
    }

    private void takeSlot() {
        try {
            Connection connection = ledger.getConnection();
            // Session-level locks live as long as the connection: it must not be a transaction's.
            connection.setAutoCommit(true);
            try (PreparedStatement take = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                for (int candidate = 0; candidate < MAX_SLOTS; candidate++) {
                    take.setInt(1, SLOT_LOCK_CLASS);
                    take.setInt(2, candidate);
                    try (ResultSet rs = take.executeQuery()) {
                        if (rs.next() && rs.getBoolean(1)) {
                            slotHolder = connection;
                            slot = candidate;
                            return;
                        }
                    }
                }
            }
            connection.close();
            throw new IllegalStateException("all " + MAX_SLOTS + " settlement member slots of this ledger are held by"
                    + " live instances; set SETTLEMENT_GROUP_INSTANCE_ID, or 'none' for dynamic membership");
        } catch (SQLException e) {
            throw new IllegalStateException("could not take a settlement member slot in the ledger's database: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Gives the slot back. Unlocked by hand: closing a pooled connection only returns it to the pool, where the lock
     * would stay. A killed JVM's connection ends, and its lock with it.
     */
    @PreDestroy
    synchronized void release() {
        if (slotHolder != null) {
            try (PreparedStatement unlock = slotHolder.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                unlock.setInt(1, SLOT_LOCK_CLASS);
                unlock.setInt(2, slot);
                unlock.execute();
            } catch (SQLException e) {
                log.debug("giving back member slot {}: {}", slot, e.toString());
            }
            try {
                slotHolder.close();
            } catch (SQLException e) {
                log.debug("closing the member slot's connection: {}", e.toString());
            }
            slotHolder = null;
        }
    }
}
