package cn.henan.skillshub.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import cn.henan.skillshub.SkillsHubApplication;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The packages' boundaries, held by Spring Modulith (no cycle between the top-level packages, no reach into
 * another package's internals) and ArchUnit (the rules of the source runtime that Modulith cannot say).
 */
class PackageBoundariesTests {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.henan.skillshub");
    }

    @Test
    void packagesFormModulesWithoutCyclesOrReachingIntoEachOthersInternals() {
        // The simulators stand in for the source systems in the local default and reach into them on purpose
        // (the CE registry's simulator checks the hub's request signature); they are no part of the hub's modules.
        ApplicationModules.of(SkillsHubApplication.class,
                JavaClass.Predicates.resideInAPackage("cn.henan.skillshub.simulator..")).verify();
    }

    @Test
    void onlyTheRuntimeOpensKafkaTransactions() {
        noClasses().that().resideOutsideOfPackage("cn.henan.skillshub.runtime..")
                .should().callMethod(org.apache.kafka.clients.producer.KafkaProducer.class, "beginTransaction")
                .because("the runtime alone begins and commits a source's transactions, with its checkpoint inside")
                .check(classes);
    }

    @Test
    void waysOfPullingNeverTouchAKafkaClient() {
        noClasses().that().resideInAnyPackage("cn.henan.skillshub.sources.jdbc..", "cn.henan.skillshub.sources.rest..",
                        "cn.henan.skillshub.sources.sftp..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.kafka.clients..")
                .because("a way of pulling only turns what it reads into records with positions (as a Connect SourceTask)")
                .check(classes);
    }

    @Test
    void kafkaClientsAreConfiguredInOnePlace() {
        noClasses().that().doNotHaveFullyQualifiedName("cn.henan.skillshub.kafka.KafkaConnection")
                .should().accessClassesThat().haveFullyQualifiedName("org.apache.kafka.clients.producer.ProducerConfig")
                .orShould().accessClassesThat().haveFullyQualifiedName("org.apache.kafka.clients.CommonClientConfigs")
                .because("the client settings (and issue 15's security settings) live in kafka.KafkaConnection")
                .check(classes);
    }

    @Test
    void opsHoldsNoWayOfPulling() {
        noClasses().that().resideInAPackage("cn.henan.skillshub.ops..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.henan.skillshub.sources..")
                .because("backfill, replay and lag of a way of pulling live with its live poll in sources/")
                .check(classes);
    }
}
