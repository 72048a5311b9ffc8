package cn.henan.skillshub.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the reference data against the plan, transcribed here a second time, independently of the YAML
 * files: the subsidy service pays money from these numbers.
 */
class ReferenceDataTests {

    /**
     * Annex 3 of the plan, one row per cell: occupation name, plan code, level, required hours, subsidy
     * (yuan). Read from the seed's vertical text: each occupation's six numbers, in the order junior
     * hours, junior subsidy, intermediate hours, intermediate subsidy, senior hours, senior subsidy.
     */
    static final String ANNEX_3 = """
            人工智能工程技术人员,   2-02-10-09, 初级,  64, 2040
            人工智能工程技术人员,   2-02-10-09, 中级,  80, 3020
            人工智能工程技术人员,   2-02-10-09, 高级,  80, 3380
            物联网工程技术人员,     2-02-10-10, 初级, 128, 2252
            物联网工程技术人员,     2-02-10-10, 中级, 128, 2444
            物联网工程技术人员,     2-02-10-10, 高级, 160, 3703
            大数据工程技术人员,     2-02-10-11, 初级, 128, 2639
            大数据工程技术人员,     2-02-10-11, 中级, 128, 3023
            大数据工程技术人员,     2-02-10-11, 高级, 160, 4379
            云计算工程技术人员,     2-02-10-12, 初级, 160, 2515
            云计算工程技术人员,     2-02-10-12, 中级, 160, 2995
            云计算工程技术人员,     2-02-10-12, 高级, 192, 4089
            数字化管理师,           2-02-30-11, 初级,  60, 1577
            数字化管理师,           2-02-30-11, 中级,  90, 2444
            数字化管理师,           2-02-30-11, 高级, 120, 3491
            智能制造工程技术人员,   2-02-07-13, 初级,  90, 2084
            智能制造工程技术人员,   2-02-07-13, 中级,  90, 2759
            智能制造工程技术人员,   2-02-07-13, 高级,  80, 3362
            工业互联网工程技术人员, 2-02-10-13, 初级,  90, 1880
            工业互联网工程技术人员, 2-02-10-13, 中级, 120, 2747
            工业互联网工程技术人员, 2-02-10-13, 高级, 120, 3287
            虚拟现实工程技术人员,   2-02-10-14, 初级, 120, 2513
            虚拟现实工程技术人员,   2-02-10-14, 中级, 100, 2918
            虚拟现实工程技术人员,   2-02-10-14, 高级, 100, 3668
            区块链工程技术人员,     2-02-10-15, 初级,  80, 1849
            区块链工程技术人员,     2-02-10-15, 中级,  64, 2069
            区块链工程技术人员,     2-02-10-15, 高级,  64, 3509
            集成电路工程技术人员,   2-02-09-06, 初级, 128, 2267
            集成电路工程技术人员,   2-02-09-06, 中级, 128, 2459
            集成电路工程技术人员,   2-02-09-06, 高级, 160, 3478
            """;

    /** Annex 2 of the plan, one row per institution and field: institution, field, batch. */
    static final String ANNEX_2 = """
            郑州大学, 人工智能, 第二批
            郑州大学, 物联网, 第二批
            郑州大学, 大数据, 第一批
            郑州大学, 云计算, 第二批
            郑州大学, 数字化管理, 第二批
            郑州大学, 智能制造, 第一批
            郑州大学, 工业互联网, 第二批
            郑州大学, 虚拟现实, 第二批
            郑州大学, 区块链, 第二批
            郑州大学, 集成电路, 第二批
            河南工业大学, 人工智能, 第二批
            河南工业大学, 物联网, 第二批
            河南工业大学, 大数据, 第二批
            河南工业大学, 云计算, 第二批
            河南工业大学, 智能制造, 第二批
            河南工业大学, 工业互联网, 第二批
            河南工业大学, 虚拟现实, 第二批
            河南工业大学, 区块链, 第一批
            河南工业大学, 集成电路, 第二批
            河南科技大学, 大数据, 第二批
            河南科技大学, 智能制造, 第二批
            河南科技大学, 工业互联网, 第二批
            河南科技大学, 区块链, 第一批
            河南师范大学, 人工智能, 第二批
            河南理工大学, 智能制造, 第二批
            信阳师范大学, 人工智能, 第二批
            信阳师范大学, 大数据, 第二批
            信阳师范大学, 虚拟现实, 第二批
            河南职业技术学院, 大数据, 第二批
            河南职业技术学院, 云计算, 第二批
            河南职业技术学院, 区块链, 第二批
            河南省工业和信息化人才交流中心, 人工智能, 第二批
            河南省工业和信息化人才交流中心, 物联网, 第二批
            河南省工业和信息化人才交流中心, 大数据, 第二批
            河南省工业和信息化人才交流中心, 云计算, 第二批
            河南省工业和信息化人才交流中心, 数字化管理, 第二批
            河南省工业和信息化人才交流中心, 智能制造, 第二批
            河南省工业和信息化人才交流中心, 工业互联网, 第二批
            河南省工业和信息化人才交流中心, 虚拟现实, 第二批
            河南省工业和信息化人才交流中心, 区块链, 第二批
            河南省工业和信息化人才交流中心, 集成电路, 第二批
            河南省继续教育学会, 人工智能, 第二批
            河南省继续教育学会, 大数据, 第二批
            河南省继续教育学会, 数字化管理, 第二批
            河南省继续教育学会, 虚拟现实, 第二批
            """;

    /** Annex 2's field names against Annex 3's codes, and each occupation's 2022 code. */
    static final Map<String, String> FIELD_TO_CODE = Map.of(
            "人工智能", "2-02-10-09", "物联网", "2-02-10-10", "大数据", "2-02-10-11", "云计算", "2-02-10-12",
            "数字化管理", "2-02-30-11", "智能制造", "2-02-07-13", "工业互联网", "2-02-10-13",
            "虚拟现实", "2-02-10-14", "区块链", "2-02-10-15", "集成电路", "2-02-09-06");

    static final Map<String, String> CODE_TO_2022 = Map.of(
            "2-02-10-09", "2-02-38-01", "2-02-10-10", "2-02-38-02", "2-02-10-11", "2-02-38-03",
            "2-02-10-12", "2-02-38-04", "2-02-30-11", "2-06-07-13", "2-02-07-13", "2-02-38-05",
            "2-02-10-13", "2-02-38-06", "2-02-10-14", "2-02-38-07", "2-02-10-15", "2-02-38-08",
            "2-02-09-06", "2-02-38-09");

    /** Seats of the institutions (GB/T 2260). */
    static final Map<String, String> INSTITUTION_CITY = Map.of(
            "郑州大学", "410100", "河南工业大学", "410100", "河南科技大学", "410300", "河南师范大学", "410700",
            "河南理工大学", "410800", "信阳师范大学", "411500", "河南职业技术学院", "410100",
            "河南省工业和信息化人才交流中心", "410100", "河南省继续教育学会", "410100");

    static final LocalDate PLAN_DATE = LocalDate.of(2025, 3, 24);
    static final LocalDate TRIAL_END = LocalDate.of(2025, 12, 31);

    static Batch batch(String chinese) {
        return switch (chinese) {
            case "第一批" -> Batch.FIRST;
            case "第二批" -> Batch.SECOND;
            default -> throw new IllegalArgumentException(chinese);
        };
    }

    /** Rows of ANNEX_2 as [institution, field, batch]. */
    static List<String[]> annex2Rows() {
        return ANNEX_2.lines().filter(l -> !l.isBlank())
                .map(l -> Arrays.stream(l.split(",")).map(String::strip).toArray(String[]::new))
                .toList();
    }

    private static ReferenceData data;

    @BeforeAll
    static void load() {
        data = new ReferenceData();
    }

    @ParameterizedTest(name = "{0} {2}: {3} h, {4} yuan")
    @CsvSource(textBlock = ANNEX_3)
    void everyAnnex3CellIsInForceDuringTheTrial(String name, String code, String level, int hours, int yuan) {
        Level lvl = Level.parse(level);
        for (LocalDate day : List.of(PLAN_DATE, LocalDate.of(2025, 7, 1), TRIAL_END)) {
            assertThat(data.standardInForce(code, lvl, day)).hasValue(
                    new SubsidyStandard("2025-03-24", code, name, lvl, hours, yuan, PLAN_DATE, TRIAL_END));
        }
        assertThat(data.standardInForce(code, lvl, PLAN_DATE.minusDays(1))).isEmpty();
        assertThat(data.standardInForce(code, lvl, TRIAL_END.plusDays(1))).isEmpty();
        // The 2022 code finds the same cell.
        assertThat(data.standardInForce(CODE_TO_2022.get(code), lvl, PLAN_DATE)).map(SubsidyStandard::subsidyYuan).hasValue(yuan);
    }

    @Test
    void theStandardHasExactlyTheThirtyCellsOfAnnex3() {
        List<String> expected = ANNEX_3.lines().filter(l -> !l.isBlank())
                .map(l -> Arrays.stream(l.split(",")).map(String::strip).toArray(String[]::new))
                .map(r -> r[0] + "|" + r[1] + "|" + Level.parse(r[2]) + "|" + r[3] + "|" + r[4])
                .toList();
        assertThat(expected).hasSize(30);
        assertThat(data.subsidyStandards())
                .map(s -> s.occupationName() + "|" + s.occupationCode() + "|" + s.level() + "|" + s.requiredHours() + "|" + s.subsidyYuan())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void subsidiesRiseWithTheLevelInEveryRow() {
        // A cross-check of the transcription: Annex 3's hours do not always rise, its amounts do.
        Map<String, List<SubsidyStandard>> byOccupation = data.subsidyStandards().stream()
                .collect(Collectors.groupingBy(SubsidyStandard::occupationCode));
        assertThat(byOccupation).hasSize(10);
        byOccupation.forEach((code, cells) -> assertThat(cells)
                .as(code)
                .extracting(SubsidyStandard::level)
                .containsExactly(Level.JUNIOR, Level.INTERMEDIATE, Level.SENIOR));
        byOccupation.forEach((code, cells) -> assertThat(cells)
                .as(code)
                .isSortedAccordingTo((a, b) -> Integer.compare(a.subsidyYuan(), b.subsidyYuan())));
    }

    @Test
    void standardInForceAtTheEdgesOfTheTrial() {
        assertThat(data.standardInForce("2-02-10-09", Level.JUNIOR, LocalDate.of(2025, 3, 23))).isEmpty();
        assertThat(data.standardInForce("2-02-10-09", Level.JUNIOR, LocalDate.of(2025, 3, 24))).isPresent();
        assertThat(data.standardInForce("2-02-10-09", Level.JUNIOR, LocalDate.of(2025, 12, 31))).isPresent();
        assertThat(data.standardInForce("2-02-10-09", Level.JUNIOR, LocalDate.of(2026, 1, 1))).isEmpty();
        assertThat(data.standardInForce("9-99-99-99", Level.JUNIOR, PLAN_DATE)).isEmpty();
        assertThat(data.standardInForce(null, Level.JUNIOR, PLAN_DATE)).isEmpty();
    }

    @Test
    void theTenOccupationsWithTheirFieldsAndBothCodes() {
        assertThat(data.occupations()).hasSize(10);
        FIELD_TO_CODE.forEach((field, code) -> {
            Occupation o = data.occupation(code).orElseThrow();
            assertThat(o.field()).isEqualTo(field);
            assertThat(o.code2022()).isEqualTo(CODE_TO_2022.get(code));
            assertThat(data.occupation(CODE_TO_2022.get(code))).containsSame(o);
            assertThat(data.occupation(" " + code + " ")).containsSame(o);
            assertThat(data.occupation(code, CodeEdition.PLAN)).containsSame(o);
            assertThat(data.occupation(CODE_TO_2022.get(code), CodeEdition.CLASSIFICATION_2022)).containsSame(o);
        });
        assertThat(data.occupation("2-02-38-01")).map(Occupation::name).hasValue("人工智能工程技术人员");
        assertThat(data.occupation("2-06-07-13")).map(Occupation::name).hasValue("数字化管理师");
        assertThat(data.occupation("2-02-38-10")).isEmpty();
        assertThat(data.occupation(null)).isEmpty();
    }

    @Test
    void codesThe2022EditionGaveToOtherOccupationsAreNotReadAs2022Codes() {
        // 2022: 2-02-07-13 is 铸造工程技术人员, 2-02-30-11 is 供应链工程技术人员.
        assertThat(data.occupation("2-02-07-13", CodeEdition.CLASSIFICATION_2022)).isEmpty();
        assertThat(data.occupation("2-02-30-11", CodeEdition.CLASSIFICATION_2022)).isEmpty();
        assertThat(data.occupation("2-02-38-05", CodeEdition.PLAN)).isEmpty();
        assertThat(data.occupation("2-02-07-13")).map(Occupation::name).hasValue("智能制造工程技术人员");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(textBlock = ANNEX_2)
    void everyAnnex2EntryIsInTheCatalogue(String institution, String field, String batch) {
        String code = FIELD_TO_CODE.get(field);
        Institution i = data.institution(institution).orElseThrow();
        assertThat(i.cityCode()).isEqualTo(INSTITUTION_CITY.get(institution));
        assertThat(i.occupations()).filteredOn(e -> e.occupationCode().equals(code))
                .singleElement()
                .satisfies(e -> assertThat(e.batch()).isEqualTo(batch(batch)));
        assertThat(data.inCatalogue(institution, code, PLAN_DATE)).isTrue();
        assertThat(data.inCatalogue(institution, CODE_TO_2022.get(code), PLAN_DATE)).isTrue();
    }

    @Test
    void theCatalogueHasNothingBeyondAnnex2() {
        Map<String, List<String>> expected = annex2Rows().stream().collect(Collectors.groupingBy(r -> r[0],
                Collectors.mapping(r -> FIELD_TO_CODE.get(r[1]) + " " + batch(r[2]), Collectors.toList())));
        assertThat(data.institutions()).extracting(Institution::name).containsExactly(
                "郑州大学", "河南工业大学", "河南科技大学", "河南师范大学", "河南理工大学", "信阳师范大学",
                "河南职业技术学院", "河南省工业和信息化人才交流中心", "河南省继续教育学会");
        for (Institution i : data.institutions()) {
            assertThat(i.occupations()).as(i.name())
                    .map(e -> e.occupationCode() + " " + e.batch())
                    .containsExactlyInAnyOrderElementsOf(expected.get(i.name()));
            assertThat(data.city(i.cityCode())).as(i.name()).isPresent();
        }
        assertThat(data.institutions()).flatMap(Institution::occupations).hasSize(45);
    }

    @Test
    void catalogueEntriesAreValidForThreeYearsFromThePlan() {
        // Assumption written in institutions.yaml: 2025-03-24 .. 2028-03-23.
        assertThat(data.inCatalogue("郑州大学", "2-02-10-09", LocalDate.of(2025, 3, 23))).isFalse();
        assertThat(data.inCatalogue("郑州大学", "2-02-10-09", LocalDate.of(2025, 3, 24))).isTrue();
        assertThat(data.inCatalogue("郑州大学", "2-02-10-09", LocalDate.of(2028, 3, 23))).isTrue();
        assertThat(data.inCatalogue("郑州大学", "2-02-10-09", LocalDate.of(2028, 3, 24))).isFalse();
        assertThat(data.institutions()).flatMap(Institution::occupations)
                .allSatisfy(e -> assertThat(e.validTo()).isEqualTo(e.validFrom().plusYears(3).minusDays(1)));
    }

    @Test
    void notInTheCatalogue() {
        assertThat(data.inCatalogue("河南师范大学", "2-02-10-11", PLAN_DATE)).isFalse();
        assertThat(data.inCatalogue("河南工业大学", "2-02-30-11", PLAN_DATE)).isFalse();
        assertThat(data.inCatalogue("某某培训学校", "2-02-10-09", PLAN_DATE)).isFalse();
        assertThat(data.inCatalogue("郑州大学", "9-99-99-99", PLAN_DATE)).isFalse();
        assertThat(data.inCatalogue(null, "2-02-10-09", PLAN_DATE)).isFalse();
        assertThat(data.institution("不存在")).isEmpty();
    }

    @Test
    void henansEighteenCities() {
        assertThat(data.cities()).hasSize(18);
        assertThat(data.cities()).extracting(City::code).containsExactly(
                "410100", "410200", "410300", "410400", "410500", "410600", "410700", "410800", "410900",
                "411000", "411100", "411200", "411300", "411400", "411500", "411600", "411700", "419001");
        assertThat(data.city("410100")).hasValue(new City("410100", "郑州市"));
        assertThat(data.city("410300")).hasValue(new City("410300", "洛阳市"));
        assertThat(data.city("411500")).hasValue(new City("411500", "信阳市"));
        assertThat(data.city("419001")).map(City::name).hasValue("济源示范区");
        assertThat(data.city("110000")).isEmpty();
    }

    // ---- Level.parse ----

    @ParameterizedTest
    @CsvSource({"初级, JUNIOR", "中级, INTERMEDIATE", "高级, SENIOR", "junior, JUNIOR", "Intermediate, INTERMEDIATE",
            "SENIOR, SENIOR", "' 高级 ', SENIOR", "sEnIoR, SENIOR"})
    void levelParseAcceptsChineseAndEnglish(String text, Level expected) {
        assertThat(Level.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "高", "初級", "expert", "1", "JUNIOR_"})
    void levelParseRefusesAnythingElse(String text) {
        assertThatThrownBy(() -> Level.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("初级/中级/高级");
    }

    @Test
    void levelParseRefusesNull() {
        assertThatThrownBy(() -> Level.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void levelRanksJuniorLowest() {
        assertThat(Level.JUNIOR.rank()).isLessThan(Level.INTERMEDIATE.rank());
        assertThat(Level.INTERMEDIATE.rank()).isLessThan(Level.SENIOR.rank());
        assertThat(Level.SENIOR.chineseName()).isEqualTo("高级");
    }

    // ---- new versions of the standard ----

    private SubsidyStandard cell(String version, String code, Level level, int yuan, LocalDate from, LocalDate to) {
        return new SubsidyStandard(version, code, null, level, 64, yuan, from, to);
    }

    @Test
    void refusesAVersionOverlappingTheTrial() {
        ReferenceData fresh = new ReferenceData();
        List<SubsidyStandard> version = List.of(cell("2025-12-01", "2-02-10-09", Level.JUNIOR, 2100,
                LocalDate.of(2025, 12, 1), LocalDate.of(2026, 12, 31)));
        assertThatThrownBy(() -> fresh.addSubsidyStandardVersion(version))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlaps version 2025-03-24");
        assertThat(fresh.subsidyStandards()).hasSize(30);
    }

    @Test
    void refusesOnTheLastSharedDay() {
        ReferenceData fresh = new ReferenceData();
        List<SubsidyStandard> version = List.of(cell("2025-12-31", "2-02-38-01", Level.SENIOR, 3400,
                TRIAL_END, LocalDate.of(2026, 12, 31)));
        assertThatThrownBy(() -> fresh.addSubsidyStandardVersion(version))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlaps");
    }

    @Test
    void acceptsAVersionStartingTheDayAfterTheTrial() {
        ReferenceData fresh = new ReferenceData();
        LocalDate from = LocalDate.of(2026, 1, 1);
        LocalDate to = LocalDate.of(2026, 12, 31);
        fresh.addSubsidyStandardVersion(List.of(
                cell("2026-01-01", "2-02-38-01", Level.JUNIOR, 2100, from, to),
                cell("2026-01-01", "2-02-10-10", Level.JUNIOR, 2300, from, to)));
        assertThat(fresh.standardInForce("2-02-10-09", Level.JUNIOR, from))
                .hasValue(new SubsidyStandard("2026-01-01", "2-02-10-09", "人工智能工程技术人员", Level.JUNIOR, 64, 2100, from, to));
        assertThat(fresh.standardInForce("2-02-10-09", Level.JUNIOR, TRIAL_END)).map(SubsidyStandard::subsidyYuan).hasValue(2040);
        assertThat(fresh.subsidyStandards()).hasSize(32);
        assertThat(fresh.subsidyStandards().get(30).version()).isEqualTo("2026-01-01");
        // The shared instance is not touched by another instance's versions.
        assertThat(data.subsidyStandards()).hasSize(30);
    }

    @Test
    void refusesDuplicateCellsUnknownOccupationsAndKnownVersions() {
        ReferenceData fresh = new ReferenceData();
        LocalDate from = LocalDate.of(2026, 1, 1);
        LocalDate to = LocalDate.of(2026, 12, 31);
        assertThatThrownBy(() -> fresh.addSubsidyStandardVersion(List.of(
                cell("v2", "2-02-10-09", Level.JUNIOR, 1, from, to), cell("v2", "2-02-38-01", Level.JUNIOR, 2, from, to))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> fresh.addSubsidyStandardVersion(List.of(cell("v2", "2-02-38-10", Level.JUNIOR, 1, from, to))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown occupation");
        assertThatThrownBy(() -> fresh.addSubsidyStandardVersion(List.of(cell("2025-03-24", "2-02-10-09", Level.JUNIOR, 1, from, to))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> fresh.addSubsidyStandardVersion(List.of(cell("v2", "2-02-10-09", Level.JUNIOR, 1, to, from))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before validFrom");
        assertThatThrownBy(() -> fresh.addSubsidyStandardVersion(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one cell");
        assertThatThrownBy(() -> fresh.addSubsidyStandardVersion(List.of(
                new SubsidyStandard("v2", "2-02-10-09", "物联网工程技术人员", Level.JUNIOR, 64, 1, from, to))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
        assertThat(fresh.subsidyStandards()).hasSize(30);
    }

    // ---- inconsistent files stop start-up ----

    /** Copies the real files to a temporary directory, with {@code standard} as the only standard file. */
    private void writeFiles(Path dir, String standardFile, String standard) throws IOException {
        for (String file : List.of("occupations.yaml", "cities.yaml", "institutions.yaml")) {
            try (var in = getClass().getResourceAsStream("/reference/" + file)) {
                Files.write(dir.resolve(file), in.readAllBytes());
            }
        }
        Files.createDirectories(dir.resolve("subsidy-standards"));
        Files.writeString(dir.resolve("subsidy-standards").resolve(standardFile), standard);
    }

    private ReferenceData loadWith(Path dir, String standardFile, String standard) throws IOException {
        writeFiles(dir, standardFile, standard);
        return new ReferenceData(dir.toUri().toString());
    }

    private String standard(String version, String from, String to, String... cells) {
        List<String> lines = new ArrayList<>(List.of("version: \"" + version + "\"", "validFrom: " + from, "validTo: " + to, "cells:"));
        for (String c : cells) {
            lines.add("  - " + c);
        }
        return String.join("\n", lines) + "\n";
    }

    @Test
    void aGoodCopyLoads(@TempDir Path dir) throws IOException {
        ReferenceData copy = loadWith(dir, "x.yaml", standard("x", "2025-03-24", "2025-12-31",
                "{ occupationCode: \"2-02-10-09\", level: 初级, requiredHours: 64, subsidyYuan: 2040 }"));
        assertThat(copy.subsidyStandards()).hasSize(1);
    }

    @Test
    void unknownOccupationCode(@TempDir Path dir) {
        assertThatThrownBy(() -> loadWith(dir, "x.yaml", standard("x", "2025-03-24", "2025-12-31",
                "{ occupationCode: \"2-02-10-99\", level: 初级, requiredHours: 64, subsidyYuan: 2040 }")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("subsidy-standards/x.yaml")
                .hasMessageContaining("2-02-10-99")
                .hasMessageContaining("unknown occupation code");
    }

    @Test
    void duplicateCell(@TempDir Path dir) {
        assertThatThrownBy(() -> loadWith(dir, "x.yaml", standard("x", "2025-03-24", "2025-12-31",
                "{ occupationCode: \"2-02-10-09\", level: 初级, requiredHours: 64, subsidyYuan: 2040 }",
                "{ occupationCode: \"2-02-10-09\", level: JUNIOR, requiredHours: 64, subsidyYuan: 2041 }")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("subsidy-standards/x.yaml")
                .hasMessageContaining("appears twice");
    }

    @Test
    void validToBeforeValidFrom(@TempDir Path dir) {
        assertThatThrownBy(() -> loadWith(dir, "x.yaml", standard("x", "2025-12-31", "2025-03-24",
                "{ occupationCode: \"2-02-10-09\", level: 初级, requiredHours: 64, subsidyYuan: 2040 }")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("subsidy-standards/x.yaml")
                .hasMessageContaining("validTo 2025-03-24 is before validFrom 2025-12-31");
    }

    @Test
    void unknownLevel(@TempDir Path dir) {
        assertThatThrownBy(() -> loadWith(dir, "x.yaml", standard("x", "2025-03-24", "2025-12-31",
                "{ occupationCode: \"2-02-10-09\", level: 特级, requiredHours: 64, subsidyYuan: 2040 }")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown level '特级'");
    }

    @Test
    void versionNotMatchingTheFileName(@TempDir Path dir) {
        assertThatThrownBy(() -> loadWith(dir, "y.yaml", standard("x", "2025-03-24", "2025-12-31",
                "{ occupationCode: \"2-02-10-09\", level: 初级, requiredHours: 64, subsidyYuan: 2040 }")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not match the file name");
    }

    @Test
    void misspelledKey(@TempDir Path dir) {
        assertThatThrownBy(() -> loadWith(dir, "x.yaml", standard("x", "2025-03-24", "2025-12-31",
                "{ occupationCode: \"2-02-10-09\", level: 初级, requiredHour: 64, subsidyYuan: 2040 }")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("subsidy-standards/x.yaml")
                .hasMessageContaining("requiredHour");
    }

    @Test
    void catalogueEntryValidToBeforeValidFrom(@TempDir Path dir) throws IOException {
        writeFiles(dir, "x.yaml", standard("x", "2025-03-24", "2025-12-31",
                "{ occupationCode: \"2-02-10-09\", level: 初级, requiredHours: 64, subsidyYuan: 2040 }"));
        Path institutions = dir.resolve("institutions.yaml");
        Files.writeString(institutions, Files.readString(institutions)
                .replaceFirst("validFrom: 2025-03-24, validTo: 2028-03-23", "validFrom: 2025-03-24, validTo: 2025-03-23"));
        assertThatThrownBy(() -> new ReferenceData(dir.toUri().toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("institutions.yaml")
                .hasMessageContaining("郑州大学")
                .hasMessageContaining("before validFrom");
    }
}
