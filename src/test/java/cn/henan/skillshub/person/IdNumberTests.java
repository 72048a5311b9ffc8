package cn.henan.skillshub.person;

import cn.henan.skillshub.person.InvalidIdNumberException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.stream.Stream;

import static cn.henan.skillshub.person.IdNumberFixtures.id;
import static cn.henan.skillshub.person.IdNumberFixtures.idEndingInX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IdNumberTests {

    private static final LocalDate TODAY = LocalDate.of(2025, 3, 24);

    @Test
    void parsesValidEighteenCharacterNumber() throws Exception {
        String raw = id("410102", "19850312", "123");

        IdNumber id = IdNumber.parse(raw);

        assertThat(id.value()).isEqualTo(raw);
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1985, 3, 12));
        assertThat(id.birthMonth()).isEqualTo(YearMonth.of(1985, 3));
        assertThat(id.areaCode()).isEqualTo("410102");
        assertThat(id.sex()).isEqualTo(Sex.MALE);
    }

    @Test
    void seventeenthDigitGivesSex() throws Exception {
        assertThat(IdNumber.parse(id("410305", "19920704", "451")).sex()).isEqualTo(Sex.MALE);
        assertThat(IdNumber.parse(id("410305", "19920704", "459")).sex()).isEqualTo(Sex.MALE);
        assertThat(IdNumber.parse(id("410305", "19920704", "452")).sex()).isEqualTo(Sex.FEMALE);
        assertThat(IdNumber.parse(id("410305", "19920704", "450")).sex()).isEqualTo(Sex.FEMALE);
    }

    @Test
    void trimsAndUpperCasesCheckCharacterX() throws Exception {
        String upper = idEndingInX("410102", "19780101");
        String lower = upper.substring(0, 17) + "x";

        IdNumber id = IdNumber.parse("  " + lower + "\t");

        assertThat(id.value()).isEqualTo(upper);
        assertThat(id).isEqualTo(IdNumber.parse(upper)).hasSameHashCodeAs(IdNumber.parse(upper));
    }

    @Test
    void convertsFifteenDigitLegacyNumber() throws Exception {
        String legacy = "410305" + "850312" + "124";

        IdNumber id = IdNumber.parse(legacy);

        assertThat(id.value()).hasSize(18).isEqualTo(id("410305", "19850312", "124"));
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1985, 3, 12));
        assertThat(id.sex()).isEqualTo(Sex.FEMALE);
        assertThat(id).isEqualTo(IdNumber.parse(id("410305", "19850312", "124")));
    }

    @Test
    void acceptsBoundaryBirthDates() throws Exception {
        assertThat(IdNumber.parse(id("410102", "19000101", "111"), TODAY).birthDate())
                .isEqualTo(LocalDate.of(1900, 1, 1));
        assertThat(IdNumber.parse(id("410102", "20250324", "111"), TODAY).birthDate()).isEqualTo(TODAY);
        assertThat(IdNumber.parse(id("410102", "20000229", "111"), TODAY).birthDate())
                .isEqualTo(LocalDate.of(2000, 2, 29));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void missing(String raw) {
        assertRefused(raw, Reason.MISSING);
    }

    @Test
    void badCheckDigit() {
        String valid = id("410102", "19850312", "123");
        char wrong = valid.charAt(17) == '0' ? '1' : '0';

        assertRefused(valid.substring(0, 17) + wrong, Reason.BAD_CHECK_DIGIT);
    }

    @Test
    void thirtyFirstOfFebruaryIsNotADate() {
        assertRefused(id("410102", "19850231", "123"), Reason.BAD_BIRTH_DATE);
        assertRefused(id("410102", "19850229", "123"), Reason.BAD_BIRTH_DATE);
        assertRefused(id("410102", "19851301", "123"), Reason.BAD_BIRTH_DATE);
        assertRefused("410102" + "850231" + "123", Reason.BAD_BIRTH_DATE);
    }

    @Test
    void birthDateInTheFuture() {
        assertRefused(id("410102", "20990101", "123"), Reason.BAD_BIRTH_DATE);
        assertThatThrownBy(() -> IdNumber.parse(id("410102", "20250325", "123"), TODAY))
                .isInstanceOfSatisfying(InvalidIdNumberException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BAD_BIRTH_DATE));
    }

    @Test
    void birthDateBefore1900() {
        assertRefused(id("410102", "18991231", "123"), Reason.BAD_BIRTH_DATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"000000", "100102", "190102", "990102", "830000", "910102"})
    void notAProvinceCode(String area) {
        assertRefused(id(area, "19850312", "123"), Reason.BAD_AREA_CODE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4101021985031212", "41010219850312123", "4101021985031212345", "41010219850312"})
    void wrongLength(String raw) {
        assertRefused(raw, Reason.BAD_FORMAT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "41010219850312A23X",   // letter in the body
            "4101021985031212Y4",   // letter in the sequence
            "41010219850312123Y",   // check character neither digit nor X
            "4101021985O312123",    // 17 with a letter O
            "41010285O312123",      // 15 with a letter
            "41010285031212X",      // 15 digits cannot end in X
            "４１０１０２１９８５０３１２１２３４" // full-width digits
    })
    void lettersAndOtherCharacters(String raw) {
        assertRefused(raw, Reason.BAD_FORMAT);
    }

    static Stream<Arguments> refusedNumbers() {
        String valid = id("410102", "19850312", "123");
        char wrong = valid.charAt(17) == '0' ? '1' : '0';
        return Stream.of(
                Arguments.of(Reason.MISSING, " "),
                Arguments.of(Reason.BAD_FORMAT, valid.substring(0, 16)),
                Arguments.of(Reason.BAD_FORMAT, valid.substring(0, 14) + "A" + valid.substring(15)),
                Arguments.of(Reason.BAD_CHECK_DIGIT, valid.substring(0, 17) + wrong),
                Arguments.of(Reason.BAD_BIRTH_DATE, id("410102", "19850231", "123")),
                Arguments.of(Reason.BAD_BIRTH_DATE, id("410102", "20990101", "123")),
                Arguments.of(Reason.BAD_BIRTH_DATE, id("410102", "18991231", "123")),
                Arguments.of(Reason.BAD_BIRTH_DATE, "410102" + "850231" + "123"),
                Arguments.of(Reason.BAD_AREA_CODE, id("990102", "19850312", "123")));
    }

    @ParameterizedTest
    @MethodSource("refusedNumbers")
    void exceptionMessageNeverContainsTheNumber(Reason reason, String raw) {
        InvalidIdNumberException e = catchThrowableOfType(InvalidIdNumberException.class, () -> IdNumber.parse(raw));

        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.getCause()).isNull();
        for (String text : new String[] {e.getMessage(), e.getLocalizedMessage(), e.toString()}) {
            assertThat(text).contains(reason.name());
            if (!raw.isBlank()) {
                assertThat(text).doesNotContain(raw.strip());
            }
            if (raw.strip().length() >= 14) {
                // area code + birth date: the part that identifies most
                assertThat(text).doesNotContain(raw.strip().substring(0, 14));
            }
            // no run of digits at all, so no fragment of any number can be in it
            assertThat(text).doesNotContainPattern("\\d");
        }
    }

    @Test
    void everyReasonHasADigitFreeMessage() {
        for (Reason reason : Reason.values()) {
            assertThat(new InvalidIdNumberException(reason).getMessage())
                    .contains(reason.name())
                    .doesNotContainPattern("\\d");
        }
    }

    @Test
    void checkCharacterMatchesTheIndependentFixture() {
        for (int seq = 100; seq < 200; seq++) {
            String body = "410102" + "19850312" + seq;
            assertThat(IdNumber.checkCharacter(body)).isEqualTo(IdNumberFixtures.check(body));
        }
        assertThatThrownBy(() -> IdNumber.checkCharacter("4101021985031212"))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContainPattern("\\d");
        assertThatThrownBy(() -> IdNumber.checkCharacter("41010219850312A23"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void maskedFormShowsFirstThreeAndLastFour() throws Exception {
        String raw = id("410102", "19850312", "123");
        IdNumber id = IdNumber.parse(raw);

        assertThat(id.masked())
                .isEqualTo(raw.substring(0, 3) + "***********" + raw.substring(14))
                .hasSize(18)
                .startsWith("410");
        assertThat(id.toString()).isEqualTo(id.masked()).doesNotContain(raw).doesNotContain("19850312");
    }

    @Test
    void maskHelperMasksRawValues() {
        assertThat(IdNumber.mask("410102198503121234")).isEqualTo("410***********1234");
        assertThat(IdNumber.mask("12345678")).isEqualTo("123***********5678");
        assertThat(IdNumber.mask(" 41010285O312123 ")).isEqualTo("410***********2123");
        assertThat(IdNumber.mask("1234567")).isEqualTo("***");
        assertThat(IdNumber.mask("")).isEqualTo("***");
        assertThat(IdNumber.mask(null)).isEqualTo("***");
    }

    @Test
    void equalityIsOnTheNormalisedValue() throws Exception {
        IdNumber a = IdNumber.parse(id("410102", "19850312", "123"));
        IdNumber b = IdNumber.parse(id("410102", "19850312", "123"));
        IdNumber c = IdNumber.parse(id("410102", "19850312", "125"));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
    }

    private static void assertRefused(String raw, Reason reason) {
        assertThatThrownBy(() -> IdNumber.parse(raw))
                .isInstanceOfSatisfying(InvalidIdNumberException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
