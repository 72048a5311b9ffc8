package cn.henan.skillshub.reference;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.stereotype.Component;

/**
 * The programme's reference data: occupations, subsidy standards, the institution catalogue and cities,
 * loaded at start-up from {@code src/main/resources/reference/}. A file that contradicts itself or
 * another file stops start-up with an {@link IllegalStateException} naming the file.
 *
 * <p>Thread-safe. Occupations and cities never change after start-up; the subsidy standards and the institution
 * catalogue can gain versions ({@link #addSubsidyStandardVersion}, {@link #addInstitutionCatalogueVersion}), so
 * each is held as an immutable snapshot in a volatile field: readers never lock and always see a whole version
 * or none of it.
 */
@Component
public class ReferenceData implements ApplicationEventPublisherAware {

    private static final Logger log = LoggerFactory.getLogger(ReferenceData.class);

    private final List<Occupation> occupations;
    private final Map<String, Occupation> byPlanCode;
    private final Map<String, Occupation> by2022Code;
    private final Map<String, Integer> occupationOrder;
    // The catalogue can gain versions (addInstitutionCatalogueVersion): one immutable snapshot, like the standards.
    private volatile Catalogue catalogue;
    private final List<City> cities;
    private final Map<String, City> citiesByCode;

    private volatile Standards standards = Standards.EMPTY;
    // Set by Spring; null where ReferenceData is built by hand (unit tests), which then publish nothing.
    private volatile ApplicationEventPublisher events;

    private record CellKey(String occupationCode, Level level) {
    }

    private record Catalogue(List<Institution> all, Map<String, Institution> byName, Set<String> versions) {
        static Catalogue of(List<Institution> all, Set<String> versions) {
            return new Catalogue(List.copyOf(all), all.stream()
                    .collect(Collectors.toUnmodifiableMap(Institution::name, Function.identity())), Set.copyOf(versions));
        }
    }

    private record Standards(List<SubsidyStandard> all, Map<CellKey, List<SubsidyStandard>> byCell, Set<String> versions) {
        static final Standards EMPTY = new Standards(List.of(), Map.of(), Set.of());
    }

    public ReferenceData() {
        this(ReferenceLoader.CLASSPATH_BASE);
    }

    /** Loads the files from another place than the classpath: tests use it to feed inconsistent files. */
    ReferenceData(String baseLocation) {
        ReferenceLoader loader = new ReferenceLoader(baseLocation);
        this.occupations = loader.occupations();
        this.byPlanCode = Map.copyOf(ReferenceLoader.byPlanCode(occupations));
        this.by2022Code = occupations.stream().collect(Collectors.toUnmodifiableMap(Occupation::code2022, Function.identity()));
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < occupations.size(); i++) {
            order.put(occupations.get(i).code(), i);
        }
        this.occupationOrder = Map.copyOf(order);
        this.cities = loader.cities();
        this.citiesByCode = cities.stream().collect(Collectors.toUnmodifiableMap(City::code, Function.identity()));
        this.catalogue = Catalogue.of(loader.institutions(byPlanCode, citiesByCode), Set.of());
        for (ReferenceLoader.StandardsVersion version : loader.subsidyStandards()) {
            try {
                standards = withVersion(standards, version.cells());
            } catch (IllegalArgumentException e) {
                throw ReferenceLoader.fail(version.file(), e.getMessage());
            }
        }
        log.info("Reference data loaded: {} occupations, {} subsidy-standard cells in versions {}, {} institutions, {} cities",
                occupations.size(), standards.all().size(), standards.versions(), catalogue.all().size(), cities.size());
    }

    /** The ten occupations, in the order of the plan's Annex 3. */
    public List<Occupation> occupations() {
        return occupations;
    }

    /**
     * The occupation with this code, given either as the plan prints it (e.g. {@code 2-02-10-09}) or as the
     * 2022 edition of the classification numbers it (e.g. {@code 2-02-38-01}); both give the same
     * occupation. Where a code means different occupations in the two editions (2-02-07-13, 2-02-30-11),
     * this reads it as the plan's; use {@link #occupation(String, CodeEdition)} for a source known to send
     * 2022 codes.
     */
    public Optional<Occupation> occupation(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String key = code.strip();
        Occupation o = byPlanCode.get(key);
        return o != null ? Optional.of(o) : Optional.ofNullable(by2022Code.get(key));
    }

    /** The occupation with this code in the given edition of the classification. */
    public Optional<Occupation> occupation(String code, CodeEdition edition) {
        Objects.requireNonNull(edition, "edition");
        if (code == null) {
            return Optional.empty();
        }
        Map<String, Occupation> map = edition == CodeEdition.PLAN ? byPlanCode : by2022Code;
        return Optional.ofNullable(map.get(code.strip()));
    }

    /** Every cell of every version of the subsidy standard, oldest version first, then in Annex 3 order. */
    public List<SubsidyStandard> subsidyStandards() {
        return standards.all();
    }

    /**
     * The standard for this occupation (either edition's code) and level in force on {@code date}:
     * validFrom &lt;= date &lt;= validTo, both days included.
     *
     * <p>Annex 3 applies "试行到2025年12月31日" (on trial until 31 December 2025, plan 六(六)). After that
     * no standard is in force until the department publishes another; the answer is then empty, and a
     * claim with no standard in force is held, never paid from a guessed amount.
     */
    public Optional<SubsidyStandard> standardInForce(String occupationCode, Level level, LocalDate date) {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(date, "date");
        Optional<Occupation> occupation = occupation(occupationCode);
        if (occupation.isEmpty()) {
            return Optional.empty();
        }
        return standards.byCell().getOrDefault(new CellKey(occupation.get().code(), level), List.of()).stream()
                .filter(s -> s.inForceOn(date))
                .findFirst();
    }

    /** The nine catalogued institutions, in the order of the plan's Annex 2. */
    public List<Institution> institutions() {
        return catalogue.all();
    }

    /** The institution with exactly this name (as Annex 2 writes it; surrounding blanks ignored). */
    public Optional<Institution> institution(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(catalogue.byName().get(name.strip()));
    }

    /**
     * Whether the institution may train this occupation (either edition's code) on this day.
     *
     * <p>The plan keeps institutions in a catalogue: "纳入目录的培训和评价机构有效期为3年" (catalogued
     * institutions are valid for 3 years, 三(三)), and forbids training "在目录之外" (outside the
     * catalogue, 七(一)). So an institution counts only for the occupations Annex 2 lists for it, and
     * only within the entry's validity, both days included.
     */
    public boolean inCatalogue(String institutionName, String occupationCode, LocalDate onDate) {
        Objects.requireNonNull(onDate, "onDate");
        Optional<Institution> institution = institution(institutionName);
        Optional<Occupation> occupation = occupation(occupationCode);
        if (institution.isEmpty() || occupation.isEmpty()) {
            return false;
        }
        String code = occupation.get().code();
        return institution.get().occupations().stream()
                .anyMatch(e -> e.occupationCode().equals(code) && e.validOn(onDate));
    }

    /** The city with this GB/T 2260 code. */
    public Optional<City> city(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(citiesByCode.get(code.strip()));
    }

    /** Henan's 17 prefecture-level cities and 济源示范区. */
    public List<City> cities() {
        return cities;
    }

    /**
     * Adds a new version of the subsidy standard. All cells must carry the same, new, version id; each
     * cell's occupation may be given by either edition's code and is stored under the plan's code and name.
     *
     * <p>Refused, with an {@link IllegalArgumentException} saying why, if the version is empty or already
     * known, a cell is incomplete or names an unknown occupation, a cell appears twice, or a cell's validity
     * overlaps that of the same occupation and level in an existing version: on any day exactly one amount
     * may be in force, because the plan pays one subsidy per person, occupation and level (六(六):
     * "同一人员同一职业(工种)同一层级不得重复申领培训补贴").
     */
    public synchronized void addSubsidyStandardVersion(List<SubsidyStandard> version) {
        standards = withVersion(standards, version);
        String id = version.get(0).version();
        log.info("Subsidy-standard version {} added ({} cells)", id, version.size());
        ApplicationEventPublisher publisher = events;
        if (publisher != null) {
            // After the new snapshot is visible: a listener that looks up a standard now finds the new version.
            List<SubsidyStandard> added = standards.all().stream().filter(s -> id.equals(s.version())).toList();
            publisher.publishEvent(new SubsidyStandardVersionAdded(id, added));
        }
    }

    /** Lets listeners hear of new subsidy-standard versions ({@link SubsidyStandardVersionAdded}). */
    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher applicationEventPublisher) {
        this.events = applicationEventPublisher;
    }

    /** Ids of the catalogue versions added since start-up (the file {@code institutions.yaml} has none). */
    public Set<String> institutionCatalogueVersions() {
        return catalogue.versions();
    }

    /**
     * Adds a version of the institution catalogue (培训机构目录): catalogue entries of new or already catalogued
     * institutions, each entry with its own validity (a new batch, or an institution's next 3-year period,
     * "有效期为3年", 三(三)). An entry's occupation may be given by either edition's code and is stored under the
     * plan's code; an institution already in the catalogue keeps its city, a new one needs a known city.
     *
     * <p>Refused, with an {@link IllegalArgumentException} saying why, if the version id is empty or already
     * known, an institution has no name or entries, names an unknown city or a city other than its own, an entry
     * is incomplete, names an unknown occupation or appears twice, or an entry's validity overlaps an entry of the
     * same institution and occupation: on any day an institution is in the catalogue for an occupation once.
     */
    public synchronized void addInstitutionCatalogueVersion(String version, List<Institution> institutions) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("institution-catalogue version id is missing");
        }
        Catalogue current = catalogue;
        if (current.versions().contains(version)) {
            throw new IllegalArgumentException("institution-catalogue version " + version
                    + " already exists; a published version is not changed, add one with a new id");
        }
        if (institutions == null || institutions.isEmpty()) {
            throw new IllegalArgumentException("version " + version + ": no institutions");
        }
        Map<String, Institution> merged = new LinkedHashMap<>();
        current.all().forEach(i -> merged.put(i.name(), i));
        Set<String> named = new HashSet<>();
        for (Institution added : institutions) {
            if (added == null || added.name() == null || added.name().isBlank()) {
                throw new IllegalArgumentException("version " + version + ": institution without a name");
            }
            String name = added.name().strip();
            String where = "version " + version + ", institution " + name;
            if (!named.add(name)) {
                throw new IllegalArgumentException(where + ": listed twice");
            }
            Institution existing = merged.get(name);
            String cityCode = added.cityCode() == null && existing != null ? existing.cityCode() : added.cityCode();
            if (!citiesByCode.containsKey(cityCode)) {
                throw new IllegalArgumentException(where + ": city code '" + cityCode + "' is not a city of Henan");
            }
            if (existing != null && !existing.cityCode().equals(cityCode)) {
                throw new IllegalArgumentException(where + ": city " + cityCode + " differs from its catalogued city "
                        + existing.cityCode());
            }
            if (added.occupations().isEmpty()) {
                throw new IllegalArgumentException(where + ": no catalogue entries");
            }
            List<CatalogueEntry> entries = new ArrayList<>(existing == null ? List.of() : existing.occupations());
            Set<String> inVersion = new HashSet<>();
            for (CatalogueEntry e : added.occupations()) {
                Occupation occupation = e == null ? null : occupation(e.occupationCode()).orElseThrow(() ->
                        new IllegalArgumentException(where + ": unknown occupation code '" + e.occupationCode() + "'"));
                if (occupation == null || e.batch() == null || e.validFrom() == null || e.validTo() == null) {
                    throw new IllegalArgumentException(where + ": an entry needs occupation, batch, validFrom, validTo");
                }
                if (e.validTo().isBefore(e.validFrom())) {
                    throw new IllegalArgumentException(where + ": validTo " + e.validTo() + " is before validFrom "
                            + e.validFrom());
                }
                if (!inVersion.add(occupation.code())) {
                    throw new IllegalArgumentException(where + ": occupation " + occupation.code() + " listed twice");
                }
                CatalogueEntry entry = new CatalogueEntry(occupation.code(), e.batch(), e.validFrom(), e.validTo());
                for (CatalogueEntry other : entries) {
                    if (other.occupationCode().equals(entry.occupationCode())
                            && !entry.validFrom().isAfter(other.validTo()) && !other.validFrom().isAfter(entry.validTo())) {
                        throw new IllegalArgumentException(where + ", occupation " + entry.occupationCode()
                                + ": validity " + entry.validFrom() + ".." + entry.validTo() + " overlaps the entry "
                                + other.validFrom() + ".." + other.validTo());
                    }
                }
                entries.add(entry);
            }
            merged.put(name, new Institution(name, cityCode, entries));
        }
        Set<String> versions = new HashSet<>(current.versions());
        versions.add(version);
        catalogue = Catalogue.of(new ArrayList<>(merged.values()), versions);
        log.info("Institution-catalogue version {} added ({} institutions)", version, institutions.size());
        ApplicationEventPublisher publisher = events;
        if (publisher != null) {
            // After the new catalogue is visible: a listener that checks an institution now finds the new entries.
            publisher.publishEvent(new InstitutionCatalogueVersionAdded(version, institutions));
        }
    }

    private Standards withVersion(Standards current, List<SubsidyStandard> version) {
        if (version == null || version.isEmpty() || version.get(0) == null) {
            throw new IllegalArgumentException("a subsidy-standard version needs at least one cell");
        }
        String id = version.get(0).version();
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("subsidy-standard version id is missing");
        }
        if (current.versions().contains(id)) {
            throw new IllegalArgumentException("subsidy-standard version " + id
                    + " already exists; a published version is not changed, add one with a new id");
        }
        Map<CellKey, SubsidyStandard> cells = new LinkedHashMap<>();
        for (SubsidyStandard s : version) {
            if (s == null) {
                throw new IllegalArgumentException("version " + id + ": empty cell");
            }
            String where = "version " + id + ", occupation " + s.occupationCode() + ", level " + s.level();
            if (!id.equals(s.version())) {
                throw new IllegalArgumentException(where + ": cell carries version id '" + s.version()
                        + "'; all cells of a version carry the same id");
            }
            Occupation occupation = occupation(s.occupationCode())
                    .orElseThrow(() -> new IllegalArgumentException(where + ": unknown occupation code"));
            if (s.occupationName() != null && !s.occupationName().equals(occupation.name())) {
                throw new IllegalArgumentException(where + ": name '" + s.occupationName()
                        + "' does not match the occupation of that code, " + occupation.name());
            }
            if (s.level() == null) {
                throw new IllegalArgumentException(where + ": level is missing");
            }
            if (s.requiredHours() <= 0 || s.subsidyYuan() <= 0) {
                throw new IllegalArgumentException(where + ": required hours and subsidy must be positive, got "
                        + s.requiredHours() + " h and " + s.subsidyYuan() + " yuan");
            }
            if (s.validFrom() == null || s.validTo() == null) {
                throw new IllegalArgumentException(where + ": validFrom and validTo are required");
            }
            if (s.validTo().isBefore(s.validFrom())) {
                throw new IllegalArgumentException(where + ": validTo " + s.validTo() + " is before validFrom " + s.validFrom());
            }
            SubsidyStandard cell = new SubsidyStandard(id, occupation.code(), occupation.name(), s.level(),
                    s.requiredHours(), s.subsidyYuan(), s.validFrom(), s.validTo());
            CellKey key = new CellKey(occupation.code(), s.level());
            if (cells.putIfAbsent(key, cell) != null) {
                throw new IllegalArgumentException(where + ": cell appears twice in the version");
            }
            for (SubsidyStandard existing : current.byCell().getOrDefault(key, List.of())) {
                if (existing.overlaps(cell)) {
                    throw new IllegalArgumentException(where + ": validity " + cell.validFrom() + ".." + cell.validTo()
                            + " overlaps version " + existing.version() + " (" + existing.validFrom() + ".."
                            + existing.validTo() + "); on any day only one standard may be in force");
                }
            }
        }

        List<SubsidyStandard> all = new ArrayList<>(current.all());
        all.addAll(cells.values());
        all.sort(Comparator.comparing(SubsidyStandard::validFrom)
                .thenComparing(s -> occupationOrder.get(s.occupationCode()))
                .thenComparing(s -> s.level().rank()));
        Map<CellKey, List<SubsidyStandard>> byCell = new HashMap<>();
        for (SubsidyStandard s : all) {
            byCell.computeIfAbsent(new CellKey(s.occupationCode(), s.level()), k -> new ArrayList<>()).add(s);
        }
        byCell.replaceAll((k, v) -> List.copyOf(v));
        Set<String> versions = new HashSet<>(current.versions());
        versions.add(id);
        return new Standards(List.copyOf(all), Map.copyOf(byCell), Set.copyOf(versions));
    }
}
