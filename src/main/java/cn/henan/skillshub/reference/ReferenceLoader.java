package cn.henan.skillshub.reference;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Reads the YAML files of the reference data and refuses any that contradicts itself or another file.
 * Every refusal is an {@link IllegalStateException} naming the file, so that a bad edit stops the hub at
 * start-up with a message a reviewer can act on, instead of paying subsidies from a wrong table.
 */
final class ReferenceLoader {

    static final String CLASSPATH_BASE = "classpath:reference/";

    private static final Pattern OCCUPATION_CODE = Pattern.compile("\\d-\\d{2}-\\d{2}-\\d{2}");
    private static final Pattern CITY_CODE = Pattern.compile("\\d{6}");

    private final String base;
    private final ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    // Unknown keys and duplicate keys fail: in a hand-edited file both are typos, never intent.
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** @param base location of the directory holding the files, ending in '/', e.g. {@link #CLASSPATH_BASE} */
    ReferenceLoader(String base) {
        this.base = base.endsWith("/") ? base : base + "/";
    }

    record OccupationsFile(List<Occupation> occupations) {
    }

    record CitiesFile(List<City> cities) {
    }

    record InstitutionsFile(List<InstitutionRow> institutions) {
    }

    record InstitutionRow(String name, String cityCode, List<CatalogueEntry> occupations) {
    }

    record StandardsFile(String version, LocalDate validFrom, LocalDate validTo, List<CellRow> cells) {
    }

    record CellRow(String occupationCode, String level, Integer requiredHours, Integer subsidyYuan) {
    }

    /** One subsidy-standard file: its name (for messages) and its cells, not yet checked against other versions. */
    record StandardsVersion(String file, List<SubsidyStandard> cells) {
    }

    List<Occupation> occupations() {
        String file = "occupations.yaml";
        OccupationsFile parsed = read(file, OccupationsFile.class);
        List<Occupation> list = required(file, parsed.occupations(), "occupations");
        Set<String> codes = new HashSet<>();
        for (Occupation o : list) {
            if (o == null) {
                throw fail(file, "empty occupation entry");
            }
            for (String code : Arrays.asList(o.code(), o.code2022())) {
                if (code == null || !OCCUPATION_CODE.matcher(code).matches()) {
                    throw fail(file, "occupation '" + o.name() + "': code '" + code + "' is not of the form d-dd-dd-dd");
                }
                // The lookup accepts either edition's code, so a code may name one occupation only.
                if (!codes.add(code)) {
                    throw fail(file, "code " + code + " appears twice (as a plan code or a 2022 code)");
                }
            }
            if (blank(o.name()) || blank(o.field())) {
                throw fail(file, "occupation " + o.code() + ": name and field are required");
            }
        }
        return List.copyOf(list);
    }

    List<City> cities() {
        String file = "cities.yaml";
        List<City> list = required(file, read(file, CitiesFile.class).cities(), "cities");
        Set<String> codes = new HashSet<>();
        for (City c : list) {
            if (c == null || c.code() == null || !CITY_CODE.matcher(c.code()).matches()) {
                throw fail(file, "city " + c + ": code must be six digits (GB/T 2260)");
            }
            if (blank(c.name())) {
                throw fail(file, "city " + c.code() + ": name is required");
            }
            if (!codes.add(c.code())) {
                throw fail(file, "city code " + c.code() + " appears twice");
            }
        }
        return List.copyOf(list);
    }

    List<Institution> institutions(Map<String, Occupation> occupationsByPlanCode, Map<String, City> citiesByCode) {
        String file = "institutions.yaml";
        List<InstitutionRow> rows = required(file, read(file, InstitutionsFile.class).institutions(), "institutions");
        Set<String> names = new HashSet<>();
        List<Institution> result = new ArrayList<>();
        for (InstitutionRow row : rows) {
            if (row == null || blank(row.name())) {
                throw fail(file, "institution without a name");
            }
            String name = row.name();
            if (!names.add(name)) {
                throw fail(file, "institution " + name + " appears twice");
            }
            if (!citiesByCode.containsKey(row.cityCode())) {
                throw fail(file, name + ": city code '" + row.cityCode() + "' is not in cities.yaml");
            }
            List<CatalogueEntry> entries = required(file, row.occupations(), name + ": occupations");
            Set<String> seen = new HashSet<>();
            for (CatalogueEntry e : entries) {
                if (e == null || e.occupationCode() == null) {
                    throw fail(file, name + ": catalogue entry without an occupation code");
                }
                // Plan codes only: the 2022 edition reuses some of them, so a mixed file could not be read back.
                if (!occupationsByPlanCode.containsKey(e.occupationCode())) {
                    throw fail(file, name + ": unknown occupation code '" + e.occupationCode()
                            + "' (use the plan's code, see occupations.yaml)");
                }
                if (!seen.add(e.occupationCode())) {
                    throw fail(file, name + ": occupation " + e.occupationCode() + " listed twice");
                }
                if (e.batch() == null) {
                    throw fail(file, name + ", " + e.occupationCode() + ": batch (FIRST or SECOND) is required");
                }
                checkPeriod(file, name + ", " + e.occupationCode(), e.validFrom(), e.validTo());
            }
            result.add(new Institution(name, row.cityCode(), entries));
        }
        return List.copyOf(result);
    }

    /** Every file under {@code subsidy-standards/}, oldest validity first. */
    List<StandardsVersion> subsidyStandards() {
        Resource[] resources;
        try {
            resources = resolver.getResources(base + "subsidy-standards/*.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + base + "subsidy-standards/", e);
        }
        List<StandardsVersion> versions = new ArrayList<>();
        for (Resource resource : resources) {
            String file = "subsidy-standards/" + resource.getFilename();
            StandardsFile parsed = read(file, resource, StandardsFile.class);
            if (blank(parsed.version())) {
                throw fail(file, "version is required");
            }
            // The file name is how reviewers find a version; a mismatch would send them to the wrong one.
            if (!(parsed.version() + ".yaml").equals(resource.getFilename())) {
                throw fail(file, "version '" + parsed.version() + "' does not match the file name");
            }
            checkPeriod(file, "version " + parsed.version(), parsed.validFrom(), parsed.validTo());
            List<SubsidyStandard> cells = new ArrayList<>();
            for (CellRow row : required(file, parsed.cells(), "cells")) {
                if (row == null || row.requiredHours() == null || row.subsidyYuan() == null) {
                    throw fail(file, "cell " + row + ": occupationCode, level, requiredHours and subsidyYuan are required");
                }
                Level level;
                try {
                    level = Level.parse(row.level());
                } catch (IllegalArgumentException e) {
                    throw fail(file, "cell " + row.occupationCode() + ": " + e.getMessage());
                }
                cells.add(new SubsidyStandard(parsed.version(), row.occupationCode(), null, level,
                        row.requiredHours(), row.subsidyYuan(), parsed.validFrom(), parsed.validTo()));
            }
            versions.add(new StandardsVersion(file, cells));
        }
        versions.sort(Comparator.comparing((StandardsVersion v) -> v.cells().get(0).validFrom()));
        return versions;
    }

    static Map<String, Occupation> byPlanCode(List<Occupation> occupations) {
        Map<String, Occupation> map = new LinkedHashMap<>();
        occupations.forEach(o -> map.put(o.code(), o));
        return map;
    }

    private <T> T read(String file, Class<T> type) {
        return read(file, resolver.getResource(base + file), type);
    }

    private <T> T read(String file, Resource resource, Class<T> type) {
        if (!resource.exists()) {
            throw fail(file, "file not found at " + base + file);
        }
        try (InputStream in = resource.getInputStream()) {
            T value = yaml.readValue(in, type);
            if (value == null) {
                throw fail(file, "file is empty");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalStateException("reference data " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void checkPeriod(String file, String what, LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            throw fail(file, what + ": validFrom and validTo are required");
        }
        if (to.isBefore(from)) {
            throw fail(file, what + ": validTo " + to + " is before validFrom " + from);
        }
    }

    private static <T> List<T> required(String file, List<T> list, String what) {
        if (list == null || list.isEmpty()) {
            throw fail(file, what + " missing or empty");
        }
        return list;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static IllegalStateException fail(String file, String message) {
        return new IllegalStateException("reference data " + file + " is inconsistent: " + message);
    }
}
