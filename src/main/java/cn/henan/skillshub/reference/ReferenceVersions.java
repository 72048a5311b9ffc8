package cn.henan.skillshub.reference;

import cn.henan.skillshub.api.ApiProblem;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.kafka.KafkaConnection;
import cn.henan.skillshub.kafka.TopicLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * New versions of the subsidy standard and of the institution catalogue, from the provincial platform, without a
 * release. A version is checked against what the hub holds, written to the compacted topic
 * {@code skills.reference.v1} and only then applied; at start the hub reads that topic from its beginning into
 * {@link ReferenceData} before any source polls, and afterwards keeps following it, so a version accepted by
 * one instance reaches every other.
 */
@Component
class ReferenceVersions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReferenceVersions.class);
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,39}");
    private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(60);
    /** The versions' own JSON (ISO dates, unknown fields ignored): reference data is no event type. */
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL).build();

    record Published(String kind, String version, int items, String topic, int partition, long offset) {
    }

    private final ReferenceData reference;
    private final KafkaConnection kafka;
    private final TopicLog follower;
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile boolean running;
    private volatile boolean caughtUp;

    ReferenceVersions(ReferenceData reference, KafkaConnection kafka) {
        this.reference = reference;
        this.kafka = kafka;
        this.follower = new TopicLog(kafka, Topics.REFERENCE, "skills-hub-reference-follower");
    }

    /**
     * Reads the topic to its end before the hub goes on starting — Camel starts the sources after every
     * lifecycle bean, so they map with every published version — then follows it on a thread of its own.
     */
    @Override
    public void start() {
        producer = new KafkaProducer<>(kafka.plainProducerConfig("skills-hub-reference-versions"),
                new StringSerializer(), new ByteArraySerializer());
        caughtUp = catchUp(true);
        running = true;
        Thread following = new Thread(this::follow, "reference-versions");
        following.setDaemon(true);
        following.start();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    synchronized Published publishSubsidyStandards(String version, ReferenceVersion.SubsidyStandards body, String by) {
        checkVersionId(version);
        List<SubsidyStandard> cells = subsidyStandardCells(version, body);
        checkNoConflict(version, cells);
        RecordMetadata at = send(new ReferenceVersion(ReferenceVersion.SUBSIDY_STANDARDS, version, by, Instant.now(),
                body, null));
        reference.addSubsidyStandardVersion(cells);
        log.info("subsidy-standard version {} ({} .. {}, {} cells) published by {}", version, body.validFrom(),
                body.validTo(), cells.size(), by);
        return new Published(ReferenceVersion.SUBSIDY_STANDARDS, version, cells.size(), at.topic(), at.partition(),
                at.offset());
    }

    synchronized Published publishInstitutions(String version, ReferenceVersion.InstitutionCatalogue body, String by) {
        checkVersionId(version);
        List<Institution> institutions = catalogueInstitutions(body);
        checkNoCatalogueConflict(version, institutions);
        RecordMetadata at = send(new ReferenceVersion(ReferenceVersion.INSTITUTIONS, version, by, Instant.now(),
                null, body));
        reference.addInstitutionCatalogueVersion(version, institutions);
        log.info("institution-catalogue version {} ({} .. {}, {} institutions) published by {}", version,
                body.validFrom(), body.validTo(), institutions.size(), by);
        return new Published(ReferenceVersion.INSTITUTIONS, version, institutions.size(), at.topic(), at.partition(),
                at.offset());
    }

    // ---- checks: a malformed version is a 400 or 422, one that contradicts what the hub holds a 409 ----

    private static void checkVersionId(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw ApiProblem.badRequest("version id must be 1-40 letters, digits, '.', '_' or '-', e.g. 2026-01-01");
        }
    }

    private List<SubsidyStandard> subsidyStandardCells(String version, ReferenceVersion.SubsidyStandards body) {
        checkPeriod(body.validFrom(), body.validTo());
        List<SubsidyStandard> cells = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ReferenceVersion.Cell cell : body.cells()) {
            Occupation occupation = reference.occupation(cell.occupationCode()).orElseThrow(() -> ApiProblem
                    .unprocessable("occupation code " + cell.occupationCode() + " is not one of the programme's ten"));
            Level level;
            try {
                level = Level.parse(cell.level());
            } catch (IllegalArgumentException e) {
                throw ApiProblem.unprocessable("level '" + cell.level() + "' is not 初级, 中级 or 高级");
            }
            if (!seen.add(occupation.code() + "/" + level)) {
                throw ApiProblem.badRequest("occupation " + occupation.code() + ", level " + level
                        + " appears twice in the version");
            }
            cells.add(new SubsidyStandard(version, occupation.code(), null, level, cell.requiredHours(),
                    cell.subsidyYuan(), body.validFrom(), body.validTo()));
        }
        return cells;
    }

    private void checkNoConflict(String version, List<SubsidyStandard> cells) {
        List<SubsidyStandard> held = reference.subsidyStandards();
        if (held.stream().anyMatch(s -> s.version().equals(version))) {
            throw ApiProblem.conflict("subsidy-standard version " + version
                    + " exists already; a published version is not changed, publish one with a new id");
        }
        for (SubsidyStandard cell : cells) {
            for (SubsidyStandard existing : held) {
                if (existing.occupationCode().equals(cell.occupationCode()) && existing.level() == cell.level()
                        && overlap(existing.validFrom(), existing.validTo(), cell.validFrom(), cell.validTo())) {
                    throw ApiProblem.conflict("occupation " + cell.occupationCode() + ", level " + cell.level()
                            + ": validity " + cell.validFrom() + ".." + cell.validTo() + " overlaps version "
                            + existing.version() + " (" + existing.validFrom() + ".." + existing.validTo()
                            + "); on any day only one standard may be in force");
                }
            }
        }
    }

    private List<Institution> catalogueInstitutions(ReferenceVersion.InstitutionCatalogue body) {
        checkPeriod(body.validFrom(), body.validTo());
        List<Institution> institutions = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ReferenceVersion.CatalogueInstitution row : body.institutions()) {
            String name = row.name().strip();
            if (!names.add(name)) {
                throw ApiProblem.badRequest("institution " + name + " appears twice in the version");
            }
            String cityCode = row.cityCode();
            if (cityCode == null) {
                cityCode = reference.institution(name).map(Institution::cityCode).orElseThrow(() -> ApiProblem
                        .unprocessable("institution " + name + " is new to the catalogue: its cityCode is required"));
            }
            if (reference.city(cityCode).isEmpty()) {
                throw ApiProblem.unprocessable("institution " + name + ": city code " + cityCode
                        + " is not a city of Henan");
            }
            List<CatalogueEntry> entries = new ArrayList<>();
            Set<String> codes = new HashSet<>();
            for (ReferenceVersion.Entry entry : row.occupations()) {
                Occupation occupation = reference.occupation(entry.occupationCode()).orElseThrow(() -> ApiProblem
                        .unprocessable("institution " + name + ": occupation code " + entry.occupationCode()
                                + " is not one of the programme's ten"));
                if (!codes.add(occupation.code())) {
                    throw ApiProblem.badRequest("institution " + name + ": occupation " + occupation.code()
                            + " appears twice");
                }
                entries.add(new CatalogueEntry(occupation.code(), entry.batch(), body.validFrom(), body.validTo()));
            }
            institutions.add(new Institution(name, cityCode, entries));
        }
        return institutions;
    }

    private void checkNoCatalogueConflict(String version, List<Institution> institutions) {
        if (reference.institutionCatalogueVersions().contains(version)) {
            throw ApiProblem.conflict("institution-catalogue version " + version
                    + " exists already; a published version is not changed, publish one with a new id");
        }
        for (Institution added : institutions) {
            reference.institution(added.name()).ifPresent(existing -> {
                if (!existing.cityCode().equals(added.cityCode())) {
                    throw ApiProblem.conflict("institution " + added.name() + " is catalogued in city "
                            + existing.cityCode() + ", not " + added.cityCode());
                }
                for (CatalogueEntry entry : added.occupations()) {
                    for (CatalogueEntry other : existing.occupations()) {
                        if (other.occupationCode().equals(entry.occupationCode())
                                && overlap(other.validFrom(), other.validTo(), entry.validFrom(), entry.validTo())) {
                            throw ApiProblem.conflict("institution " + added.name() + ", occupation "
                                    + entry.occupationCode() + ": validity " + entry.validFrom() + ".."
                                    + entry.validTo() + " overlaps its catalogue entry " + other.validFrom() + ".."
                                    + other.validTo());
                        }
                    }
                }
            });
        }
    }

    private static void checkPeriod(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw ApiProblem.badRequest("validTo " + to + " is before validFrom " + from);
        }
    }

    private static boolean overlap(LocalDate from1, LocalDate to1, LocalDate from2, LocalDate to2) {
        return !from1.isAfter(to2) && !from2.isAfter(to1);
    }

    // ---- the topic ----

    private RecordMetadata send(ReferenceVersion version) {
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.REFERENCE, version.key(),
                    JSON.writeValueAsBytes(version));
            record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("reference version cannot be serialised", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("reference version not written to " + Topics.REFERENCE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a reference version", e);
        }
    }

    /**
     * Reads the topic to its end. Kafka refusing the hub (a login, a READ ACL) does not stop its start: the hub
     * goes on with the versions it ships, says so, and the follower tries again until it may read.
     */
    private boolean catchUp(boolean first) {
        try {
            int applied = follower.readToEnd(record -> apply(record), CATCH_UP_LIMIT);
            log.info("reference versions from {}: {} read", Topics.REFERENCE, applied);
            return true;
        } catch (RuntimeException e) {
            var refused = kafka.explain(e, null);
            if (refused.isEmpty()) {
                throw e;
            }
            if (first) {
                log.error("reference versions of {} not read: {}; the hub holds the versions it ships until it"
                        + " may read them", Topics.REFERENCE, refused.get().getMessage());
            }
            return false;
        }
    }

    private void follow() {
        try {
            while (running && !caughtUp) {
                try {
                    Thread.sleep(kafka.deniedRetryInterval().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                caughtUp = catchUp(false);
            }
            while (running) {
                follower.poll(Duration.ofSeconds(1), this::apply);
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("following {} stopped: versions published by other instances reach this one at its next start",
                    Topics.REFERENCE, e);
        } finally {
            follower.close();
        }
    }

    /** Applies a version unless this instance holds it already (it published it, or read it before). */
    private synchronized boolean apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return false;
        }
        ReferenceVersion version;
        try {
            version = JSON.readValue(record.value(), ReferenceVersion.class);
        } catch (IOException e) {
            log.warn("{} offset {}: not a reference version ({}); skipped", Topics.REFERENCE, record.offset(),
                    e.getClass().getSimpleName());
            return false;
        }
        try {
            if (ReferenceVersion.SUBSIDY_STANDARDS.equals(version.kind()) && version.subsidyStandards() != null) {
                if (reference.subsidyStandards().stream().anyMatch(s -> s.version().equals(version.version()))) {
                    return false;
                }
                reference.addSubsidyStandardVersion(subsidyStandardCells(version.version(), version.subsidyStandards()));
                return true;
            }
            if (ReferenceVersion.INSTITUTIONS.equals(version.kind()) && version.institutions() != null) {
                if (reference.institutionCatalogueVersions().contains(version.version())) {
                    return false;
                }
                reference.addInstitutionCatalogueVersion(version.version(), catalogueInstitutions(version.institutions()));
                return true;
            }
            log.warn("{} offset {}: unknown kind '{}'; skipped", Topics.REFERENCE, record.offset(), version.kind());
        } catch (ApiProblem | IllegalArgumentException e) {
            log.error("{} offset {}: version {} refused ({}); it stays on the topic but is not applied here",
                    Topics.REFERENCE, record.offset(), version.key(), e.getMessage());
        }
        return false;
    }

    @Override
    public void stop() {
        running = false;
        follower.wakeup();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
