package cn.henan.skillshub.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The hand-written envelope is the record the CloudEvents SDK's own writer makes, header for header. */
class EventEnvelopeTests {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theRecordIsTheOneTheSdkWrites(EventType type) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("hours", new BigDecimal("40.0"));
        data.put("on", LocalDate.of(2025, 6, 2));
        CanonicalEvent event = new CanonicalEvent(type, CanonicalEvent.idOf("/sources/test", "r/1", "v1"),
                "/sources/realname-training", "enrolment/BM2025000123",
                OffsetDateTime.of(2025, 6, 2, 8, 15, 30, 123_456_000, ZoneOffset.UTC), "pk-abc", data);

        assertSameRecord(EventEnvelope.toRecord(event), EventEnvelope.toRecordWithSdk(event));
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"TRAINING_ENROLLED", "RECORD_REJECTED"})
    void withoutASubjectAndInAnotherOffsetItIsStillTheSdksRecordAndTheSdkReadsItBack(EventType type) {
        CanonicalEvent event = new CanonicalEvent(type, "id-1", "/sources/evaluation-bodies/x", null,
                OffsetDateTime.of(2025, 6, 2, 16, 15, 30, 0, ZoneOffset.ofHours(8)), "pk-abc", Map.of("a", 1));
        ProducerRecord<String, byte[]> record = EventEnvelope.toRecord(event);
        assertSameRecord(record, EventEnvelope.toRecordWithSdk(event));

        ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>(record.topic(), 0, 0L, record.key(),
                record.value());
        record.headers().forEach(h -> consumed.headers().add(h));
        CloudEvent read = EventEnvelope.fromRecord(consumed);
        assertThat(read.getId()).isEqualTo("id-1");
        assertThat(read.getType()).isEqualTo(type.ceType());
        assertThat(read.getSubject()).isNull();
        assertThat(read.getTime()).isEqualTo(event.time());
        assertThat(new String(read.getData().toBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }

    private static void assertSameRecord(ProducerRecord<String, byte[]> ours, ProducerRecord<String, byte[]> sdk) {
        assertThat(ours.topic()).isEqualTo(sdk.topic());
        assertThat(ours.partition()).isEqualTo(sdk.partition());
        assertThat(ours.timestamp()).isEqualTo(sdk.timestamp());
        assertThat(ours.key()).isEqualTo(sdk.key());
        assertThat(ours.value()).isEqualTo(sdk.value());
        assertThat(headers(ours)).isEqualTo(headers(sdk));
    }

    private static List<String> headers(ProducerRecord<String, byte[]> record) {
        return Arrays.stream(record.headers().toArray())
                .map(h -> h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8)).toList();
    }
}
