package cn.henan.skillshub.sources.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.runtime.CheckpointStore;
import cn.henan.skillshub.simulator.cehours.CeRegistrySimulators;
import cn.henan.skillshub.simulator.evaluation.EvaluationBodySimulator;
import cn.henan.skillshub.simulator.evaluation.EvaluationBodySimulators;
import cn.henan.skillshub.simulator.ExpectedOutcomes;
import cn.henan.skillshub.simulator.http.Fault;
import cn.henan.skillshub.simulator.http.FaultInjector;
import cn.henan.skillshub.simulator.realname.RealNameSimulator;
import cn.henan.skillshub.support.ExchangeSchemaForTests.Simulators;
import cn.henan.skillshub.support.HubIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import cn.henan.skillshub.runtime.SourceTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Every fault the simulators can inject, against the running evaluation-body source: what can be retried is
 * retried and recovered, what cannot is refused without publishing, and in every case the records arrive once each
 * when the fault clears — read as a {@code read_committed} subscriber.
 */
@HubIntegrationTest
class RestSourceFaultsIntegrationTests {

    private static final String SOURCE = "evaluation-body-a";

    @Autowired
    EvaluationBodySimulators bodies;
    @Autowired
    CeRegistrySimulators registry;
    @Autowired
    SourceTracker health;
    @Autowired
    CheckpointStore checkpoints;
    @Autowired
    Simulators realName;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @AfterEach
    void clearFaults() {
        bodies.body("body-a").faults().clear();
        registry.simulator().faults().clear();
    }

    @Test
    void http500IsRetriedAndRecovered() {
        assertRecoversFrom(Fault.HTTP_500, 2, "F500");
    }

    @Test
    void aTimeoutIsRetriedAndRecovered() {
        assertRecoversFrom(Fault.TIMEOUT, 1, "FTMO");
    }

    @Test
    void aSlowAnswerWithinTheReadTimeoutIsTakenAsItIs() {
        assertRecoversFrom(Fault.SLOW, 2, "FSLOW");
    }

    @Test
    void truncatedJsonIsNeverPublishedButFetchedAgain() {
        assertRecoversFrom(Fault.TRUNCATED_JSON, 2, "FTRUNC");
    }

    @Test
    void http429IsHonouredByWaitingAsLongAsRetryAfterSays() {
        FaultInjector faults = bodies.body("body-a").faults();
        faults.retryAfterSeconds(2);
        int before = faults.requestCount();
        assertRecoversFrom(Fault.HTTP_429, 1, "F429");
        List<Instant> requests = faults.requests();
        // The request that got the 429 and the next one: at least Retry-After apart.
        Instant refused = requests.get(before);
        Instant retried = requests.get(before + 1);
        assertThat(Duration.between(refused, retried)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void aRefusedSignatureIsNotRetriedAndNothingIsPublishedUntilItIsAccepted() {
        EvaluationBodySimulator body = bodies.body("body-a");
        long failedBefore = health.failedPages(SOURCE);
        body.faults().always(Fault.BAD_SIGNATURE);
        ExpectedOutcomes expected = body.write(40, "F401");
        await().atMost(Duration.ofSeconds(20)).until(() -> health.failedPages(SOURCE) >= failedBefore + 2);
        assertThat(health.lastFailure(SOURCE).orElseThrow().message()).contains("401");
        PublishedEvents published = new PublishedEvents(bootstrapServers);
        assertThat(published.tagged(Topics.ASSESSMENT, "F401")).isEmpty();
        body.faults().clear();
        awaitExactlyOnce(published, "F401", expected);
    }

    @Test
    void repeated500sOpenTheBreakerAndTheOtherSourcesKeepFlowing() {
        EvaluationBodySimulator body = bodies.body("body-a");
        long shortCircuitedBefore = health.shortCircuitedPolls(SOURCE);
        body.faults().always(Fault.HTTP_500);
        ExpectedOutcomes expected = body.write(30, "FCBRK");
        await().atMost(Duration.ofSeconds(30)).until(() -> health.shortCircuitedPolls(SOURCE) > shortCircuitedBefore);

        // While the breaker is open, the source is left alone: polls are short-circuited, not sent.
        int requestsWhileOpen = body.faults().requestCount();
        long shortCircuited = health.shortCircuitedPolls(SOURCE);
        await().atMost(Duration.ofSeconds(10)).until(() -> health.shortCircuitedPolls(SOURCE) >= shortCircuited + 3);
        assertThat(body.faults().requestCount()).isLessThanOrEqualTo(requestsWhileOpen + 8);

        // Meanwhile the real-name feeds and the CE registry are pulled as ever.
        RealNameSimulator training = realName.create("RNFLOW", 17, 0);
        ExpectedOutcomes trainingExpected = training.openClasses();
        trainingExpected.add(training.write(50));
        ExpectedOutcomes ceExpected = registry.simulator().write(20, "CEFLOW");
        PublishedEvents published = new PublishedEvents(bootstrapServers);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(published.tagged(Topics.TRAINING, "RNFLOW")).hasSize(trainingExpected.totalEvents());
            assertThat(published.tagged(Topics.CE_HOURS, "CEFLOW")).hasSize(ceExpected.totalEvents());
        });
        assertThat(published.tagged(Topics.ASSESSMENT, "FCBRK")).isEmpty();

        body.faults().clear();
        awaitExactlyOnce(published, "FCBRK", expected);
    }

    private void assertRecoversFrom(Fault fault, int times, String tag) {
        EvaluationBodySimulator body = bodies.body("body-a");
        int requestsBefore = body.faults().requestCount();
        body.faults().inject(fault, times);
        ExpectedOutcomes expected = body.write(60, tag);
        PublishedEvents published = new PublishedEvents(bootstrapServers);
        awaitExactlyOnce(published, tag, expected);
        assertThat(body.faults().pendingFaults()).isZero();
        assertThat(body.faults().requestCount()).isGreaterThan(requestsBefore + times);
    }

    private void awaitExactlyOnce(PublishedEvents published, String tag, ExpectedOutcomes expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> events = published.tagged(Topics.ASSESSMENT, tag);
            assertThat(events).hasSize(expected.totalEvents());
            assertThat(published.tagged(Topics.REJECTED, tag)).hasSize(expected.totalRejects());
        });
        List<ConsumerRecord<String, byte[]>> events = published.tagged(Topics.ASSESSMENT, tag);
        assertThat(PublishedEvents.byType(events)).isEqualTo(expected.events());
        assertThat(events.stream().map(r -> PublishedEvents.header(r, "ce_id")).distinct()).hasSize(events.size());
        var checkpoint = checkpoints.committed(SOURCE).orElseThrow();
        assertThat(checkpoint.recordsRead()).isEqualTo(checkpoint.eventsPublished() + checkpoint.recordsRejected());
    }
}
