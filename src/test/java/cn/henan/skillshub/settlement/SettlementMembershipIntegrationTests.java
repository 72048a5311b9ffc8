package cn.henan.skillshub.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.support.HubIntegrationTest;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Static membership of the settlement consumers (design decision 54), against the real broker and the ledger's
 * PostgreSQL: the running consumers are static members with names of their own, two instances never take the same
 * name by default, and an instance that comes after a dead one takes the dead one's name (and so its partitions).
 */
@HubIntegrationTest
class SettlementMembershipIntegrationTests {

    @Autowired
    SettlementMembership membership;
    @Autowired
    DataSource ledger;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Value("${skillshub.settlement.group-id}")
    String groupId;

    @Test
    void theRunningConsumersAreStaticMembersNamedByThisInstancesSlot() {
        String name = membership.groupInstanceId().orElseThrow();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Collection<MemberDescription> members = admin.describeConsumerGroups(List.of(groupId))
                        .describedGroups().get(groupId).get().members();
                // One static member per consumer thread, each named after this instance's slot and its thread
                // (another test context of this JVM may be in the group too, under a slot of its own).
                List<String> names = members.stream().map(m -> m.groupInstanceId().orElse("(dynamic)")).toList();
                assertThat(names).contains(name + "-0", name + "-1").doesNotHaveDuplicates()
                        .allMatch(n -> n.startsWith(groupId + "-slot"));
            });
        }
    }

    @Test
    void twoLiveInstancesNeverShareANameAndASuccessorTakesTheFreedOne() {
        SettlementMembership first = new SettlementMembership(ledger, groupId, "");
        SettlementMembership second = new SettlementMembership(ledger, groupId, "");
        try {
            String firstName = first.groupInstanceId().orElseThrow();
            String secondName = second.groupInstanceId().orElseThrow();
            assertThat(List.of(firstName, secondName)).doesNotHaveDuplicates()
                    .doesNotContain(membership.groupInstanceId().orElseThrow())
                    .allMatch(n -> n.startsWith(groupId + "-slot"));
            assertThat(first.groupInstanceId()).as("the name is the instance's for its whole life")
                    .contains(firstName);

            first.release();
            SettlementMembership successor = new SettlementMembership(ledger, groupId, "");
            try {
                assertThat(successor.groupInstanceId()).contains(firstName);
            } finally {
                successor.release();
            }
        } finally {
            first.release();
            second.release();
        }
    }

    @Test
    void aNameOfOurOwnIsUsedAsGivenAndNoneMeansDynamicMembership() {
        assertThat(new SettlementMembership(ledger, groupId, " settlement-a ").groupInstanceId())
                .contains("settlement-a");
        assertThat(new SettlementMembership(ledger, groupId, "none").groupInstanceId()).isEqualTo(Optional.empty());
    }
}
