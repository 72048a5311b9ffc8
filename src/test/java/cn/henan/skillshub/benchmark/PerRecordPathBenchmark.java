package cn.henan.skillshub.benchmark;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.events.EventEnvelope;
import cn.henan.skillshub.events.EventJson;
import cn.henan.skillshub.events.EventSchemas;
import cn.henan.skillshub.person.PersonKeys;
import cn.henan.skillshub.runtime.RecordOutcome;
import cn.henan.skillshub.reference.CatalogueEntry;
import cn.henan.skillshub.reference.Institution;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.simulator.realname.SimulatedPeople;
import cn.henan.skillshub.runtime.RecordPipeline;
import cn.henan.skillshub.runtime.SourceRecord;
import cn.henan.skillshub.runtime.SourceRecordMapper;
import cn.henan.skillshub.sources.SourceRecords;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ClassPathBeanDefinitionScanner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.LinkedCaseInsensitiveMap;

/**
 * The per-record path of the hub, for one real-name enrolment row as camel-sql hands it over: map (the real
 * {@code realNameEnrolmentMapper}: person key, reference data, compliance flags), validate against the event's
 * JSON Schema, wrap in the CloudEvents envelope and serialise — everything the hub does to a record before the
 * Kafka client takes it. The parts are measured one by one too, to see where the time goes.
 *
 * <p>{@code bash kafka/benchmark.sh jmh}, or
 * {@code java -cp <test classpath> org.openjdk.jmh.Main PerRecordPathBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class PerRecordPathBenchmark {

    private AnnotationConfigApplicationContext beans;
    private SourceRecordMapper mapper;
    private RecordPipeline pipeline;
    private EventSchemas schemas;
    private SourceRecord record;
    private CanonicalEvent event;
    private byte[] json;
    private final StringSerializer keys = new StringSerializer();

    @Setup(Level.Trial)
    public void setUp() {
        beans = new AnnotationConfigApplicationContext();
        beans.getEnvironment().getPropertySources().addFirst(new MapPropertySource("benchmark", Map.of(
                "skillshub.person.key-secret", "benchmark-secret-not-for-production")));
        beans.register(ReferenceData.class, PersonKeys.class, SourceRecords.class, EventSchemas.class,
                RecordPipeline.class);
        // The real-name mappers are package-private beans: scanned, as the application finds them; the exchange
        // database's configuration is left out (no database here).
        ClassPathBeanDefinitionScanner scanner = new ClassPathBeanDefinitionScanner(beans);
        scanner.addExcludeFilter(new AnnotationTypeFilter(Configuration.class));
        scanner.scan("cn.henan.skillshub.sources.realname");
        beans.refresh();
        mapper = beans.getBean("realNameEnrolmentMapper", SourceRecordMapper.class);
        pipeline = beans.getBean(RecordPipeline.class);
        schemas = beans.getBean(EventSchemas.class);
        record = enrolmentRow(beans.getBean(ReferenceData.class));
        event = ((RecordOutcome.Accepted) pipeline.process(record, mapper)).event();
        json = EventEnvelope.serialise(event.data());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        beans.close();
    }

    /**
     * The whole path: what {@code JdbcKeysetPoll} and {@code SourceTransactions} do per record. The data is
     * serialised once, in the pipeline; the record's value is those bytes ({@code RecordOutcome.toRecord}).
     */
    @Benchmark
    public ProducerRecord<String, byte[]> wholePath() {
        RecordOutcome outcome = pipeline.process(record, mapper);
        ProducerRecord<String, byte[]> kafkaRecord = outcome.toRecord();
        keys.serialize(kafkaRecord.topic(), kafkaRecord.key());
        return kafkaRecord;
    }

    @Benchmark
    public CanonicalEvent mapOnly() throws Exception {
        return mapper.map(record);
    }

    /** Serialise once (tokens), validate the tree read from them: the pipeline's part after mapping. */
    @Benchmark
    public List<String> serialiseAndValidateOnly() {
        return schemas.violations(event.type(), new EventJson.Serialised(event.data()).tree());
    }

    /** The envelope and the value's bytes, from data not yet serialised. */
    @Benchmark
    public ProducerRecord<String, byte[]> envelopeAndSerialiseOnly() {
        return EventEnvelope.toRecord(event);
    }

    /** The envelope alone, the value already serialised: what the publisher adds per accepted record. */
    @Benchmark
    public ProducerRecord<String, byte[]> envelopeOnly() {
        return EventEnvelope.toRecord(event, json);
    }

    /** A valid enrolment of a catalogue institution, with the columns and JDBC types of hub_enrolment_feed. */
    static SourceRecord enrolmentRow(ReferenceData reference) {
        Institution institution = reference.institutions().get(0);
        CatalogueEntry entry = institution.occupations().get(0);
        LocalDate startsOn = LocalDate.of(2025, 6, 2);
        Map<String, Object> row = new LinkedCaseInsensitiveMap<>();
        row.put("id", 123_456L);
        row.put("updated_at", Timestamp.from(Instant.parse("2025-05-28T08:15:30.123456Z")));
        row.put("enrolment_no", "BM2025000123456");
        row.put("id_number", new SimulatedPeople(new Random(7)).idNumber(LocalDate.of(1990, 5, 17), true));
        row.put("full_name", "王伟");
        row.put("phone", "13800138000");
        row.put("payment_mode", "INSTITUTION_ADVANCE");
        row.put("enrolled_on", Date.valueOf(startsOn.minusDays(5)));
        row.put("class_no", "BJ2025000042");
        row.put("starts_on", Date.valueOf(startsOn));
        row.put("plan_no", "PL2025000042");
        row.put("institution_name", institution.name());
        row.put("occupation_code", entry.occupationCode());
        row.put("level", "初级");
        return new SourceRecord("realname-training.enrolments", "/sources/realname-training",
                "2025-05-28T08:15:30.123456Z#123456", row);
    }
}
