package cn.henan.skillshub.ops;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The ops tables in the hub's database, migrated by Flyway from {@code db/ops} with their own history table:
 * they evolve apart from the settlement ledger's migrations ({@code db/migration}), and neither team's version
 * numbers can collide with the other's.
 */
@Component
class OpsSchema implements SmartInitializingSingleton {

    private final DataSource dataSource;

    OpsSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Before any bean starts (the rejection index's consumer writes to these tables). */
    @Override
    public void afterSingletonsInstantiated() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/ops")
                .table("ops_schema_history")
                // The schema already holds other tables (the ledger's): start this history at 0, then apply V1…
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
