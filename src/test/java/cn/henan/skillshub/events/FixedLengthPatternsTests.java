package cn.henan.skillshub.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.regex.RegularExpression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The schema check matches the schemas' patterns as fixed-length templates; it must answer as the JDK's regex
 * engine did (what the validator used before), on valid values and on every near miss — except a value ending in a
 * line break, which ECMA-262 (JSON Schema's dialect) rejects and the JDK let through.
 */
class FixedLengthPatternsTests {

    private static final String NEAR_MISSES = "0159afX*-:pk AZ\u00e9\u4e2d\n";

    @Test
    void everyPatternOfThePublishedSchemasIsATemplate() throws IOException {
        List<String> patterns = schemaPatterns();
        assertThat(patterns).contains("^pk-[0-9a-f]{32}$", "^\\d{4}-\\d{2}-\\d{2}$", "^\\d-\\d{2}-\\d{2}-\\d{2}$",
                "^[0-9]{3}\\*{11}[0-9]{3}[0-9X]$");
        for (String pattern : patterns) {
            assertThat(FixedLengthPatterns.INSTANCE.getRegularExpression(pattern)).as(pattern)
                    .isInstanceOf(FixedLengthPatterns.Template.class);
        }
    }

    @Test
    void answersAsTheJdkOnTheSchemasPatternsForValidValuesAndNearMisses() throws IOException {
        Random random = new Random(20250324);
        for (String pattern : schemaPatterns()) {
            FixedLengthPatterns.Template template = FixedLengthPatterns.Template.of(pattern);
            // ECMA-262's $ ends the input: the JDK's \z.
            Pattern jdk = Pattern.compile(pattern.substring(0, pattern.length() - 1) + "\\z");
            for (int i = 0; i < 2_000; i++) {
                String valid = validValue(template, random);
                assertThat(template.matches(valid)).as("%s ~ %s", pattern, valid).isTrue();
                for (String value : nearMisses(valid, random)) {
                    assertThat(template.matches(value)).as("%s ~ %s", pattern, value)
                            .isEqualTo(jdk.matcher(value).find());
                }
            }
        }
    }

    @Test
    void takesTheSeedsFiguresAndRefusesTheirNearMisses() {
        // Annex 2: 数字化解决方案设计师 2-02-10-09 is offered by institutions in 郑州 (city code 410100).
        RegularExpression occupation = FixedLengthPatterns.INSTANCE.getRegularExpression("^\\d-\\d{2}-\\d{2}-\\d{2}$");
        RegularExpression city = FixedLengthPatterns.INSTANCE.getRegularExpression("^\\d{6}$");
        RegularExpression masked = FixedLengthPatterns.INSTANCE.getRegularExpression("^[0-9]{3}\\*{11}[0-9]{3}[0-9X]$");
        assertThat(occupation.matches("2-02-10-09")).isTrue();
        assertThat(occupation.matches("2-02-10-9")).isFalse();
        assertThat(occupation.matches("2-02-10-099")).isFalse();
        assertThat(occupation.matches("2-02－10-09")).isFalse();
        assertThat(city.matches("410100")).isTrue();
        assertThat(city.matches("４10100")).isFalse();
        assertThat(masked.matches("410***********473X")).isTrue();
        assertThat(masked.matches("410***********473x")).isFalse();
        assertThat(masked.matches("410104199005174731")).isFalse();
    }

    @Test
    void aValueEndingInALineBreakFailsAsInEcmaScriptWhereTheJdkLetItPass() {
        String pattern = "^\\d{4}-\\d{2}-\\d{2}$";
        for (String value : List.of("2025-03-24\n", "2025-03-24\r", "2025-03-24\r\n")) {
            assertThat(Pattern.compile(pattern).matcher(value).find()).as(value).isTrue();
            assertThat(FixedLengthPatterns.INSTANCE.getRegularExpression(pattern).matches(value)).as(value).isFalse();
        }
    }

    @Test
    void patternsOfAnyOtherShapeGoToTheJdksEngine() {
        for (String pattern : List.of("^a+$", "^\\d{2,4}$", "^(a|b)$", "\\d{6}", "^[^0-9]{2}$", "^\\w{3}$",
                "^.{3}$", "^\\d{6}", "^a\\\\$", "^中{2}$", "^[a-z&&b]$", "^[\\--z]$")) {
            RegularExpression expression = FixedLengthPatterns.INSTANCE.getRegularExpression(pattern);
            assertThat(expression).as(pattern).isNotInstanceOf(FixedLengthPatterns.Template.class);
            for (String value : List.of("aa", "a", "1234", "123456", "x123456y", "abc", "中中", "b", "a\\", "&", "-",
                    ".", "z")) {
                assertThat(expression.matches(value)).as("%s ~ %s", pattern, value)
                        .isEqualTo(Pattern.compile(pattern).matcher(value).find());
            }
        }
    }

    private static List<String> schemaPatterns() throws IOException {
        TreeSet<String> patterns = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("kafka/schemas"))) {
            for (Path file : files.toList()) {
                for (JsonNode node : EventJson.mapper().readTree(file.toFile()).findValues("pattern")) {
                    patterns.add(node.asText());
                }
            }
        }
        return new ArrayList<>(patterns);
    }

    private static String validValue(FixedLengthPatterns.Template template, Random random) {
        StringBuilder value = new StringBuilder();
        for (boolean[] allowed : template.positions()) {
            List<Character> choices = new ArrayList<>();
            for (char c = 0; c < allowed.length; c++) {
                if (allowed[c]) {
                    choices.add(c);
                }
            }
            value.append(choices.get(random.nextInt(choices.size())));
        }
        return value.toString();
    }

    /** The value with a character changed, dropped or added, cut short, padded, doubled, or followed by a line break. */
    private static List<String> nearMisses(String valid, Random random) {
        int at = random.nextInt(valid.length());
        char other = NEAR_MISSES.charAt(random.nextInt(NEAR_MISSES.length()));
        return List.of(
                valid.substring(0, at) + other + valid.substring(at + 1),
                valid.substring(0, at) + valid.substring(at + 1),
                valid.substring(0, at) + other + valid.substring(at),
                valid.substring(0, at),
                " " + valid,
                valid + "\n",
                valid + valid,
                "");
    }
}
