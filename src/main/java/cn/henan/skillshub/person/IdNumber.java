package cn.henan.skillshub.person;

import cn.henan.skillshub.person.InvalidIdNumberException.Reason;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Set;

/**
 * A validated resident ID number (居民身份证号码, GB 11643-1999), always held in its 18-character form.
 *
 * <p>Layout: 6-digit area code (GB/T 2260), 8-digit birth date {@code yyyyMMdd}, 3-digit sequence whose last digit
 * gives the sex (odd male, even female), and an ISO 7064 MOD 11-2 check character (0-9 or X). Legacy 15-digit
 * numbers (2-digit year, no check character) are converted to 18 characters on parsing, so the same person always
 * has the same {@link #value()} and therefore the same person key.
 *
 * <p>The number is personal information: {@link #toString()} is the masked form, and {@link #value()} is for
 * code that has to compute with the number (the person key) — never for logs, messages or events.
 */
public final class IdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";

    /** Province-level codes of GB/T 2260 (11 Beijing … 65 Xinjiang, 71 Taiwan, 81 Hong Kong, 82 Macao). */
    private static final Set<String> PROVINCE_CODES = Set.of(
            "11", "12", "13", "14", "15",
            "21", "22", "23",
            "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46",
            "50", "51", "52", "53", "54",
            "61", "62", "63", "64", "65",
            "71", "81", "82");

    private static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

    // The hub serves Henan: "today" for the future-birth-date check is China's today, whatever the server zone.
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private static final int MASK_HEAD = 3;
    private static final int MASK_TAIL = 4;
    private static final String MASK_STARS = "*".repeat(11);

    private final String value;
    private final LocalDate birthDate;
    private final Sex sex;

    private IdNumber(String value, LocalDate birthDate) {
        this.value = value;
        this.birthDate = birthDate;
        this.sex = (value.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
    }

    /**
     * Parses an 18-character or legacy 15-digit number; surrounding whitespace is ignored and a lower-case
     * {@code x} check character is accepted.
     *
     * @throws InvalidIdNumberException with a {@link Reason}; its message never contains the input
     */
    public static IdNumber parse(String raw) throws InvalidIdNumberException {
        return parse(raw, LocalDate.now(CHINA));
    }

    /** Parses against a given "today", so tests can pin the future-date boundary. */
    static IdNumber parse(String raw, LocalDate today) throws InvalidIdNumberException {
        if (raw == null || raw.isBlank()) {
            throw new InvalidIdNumberException(Reason.MISSING);
        }
        String normalised = normalise(raw.strip());
        if (!PROVINCE_CODES.contains(normalised.substring(0, 2))) {
            throw new InvalidIdNumberException(Reason.BAD_AREA_CODE);
        }
        LocalDate birthDate = birthDate(normalised.substring(6, 14));
        if (birthDate.isBefore(EARLIEST_BIRTH_DATE) || birthDate.isAfter(today)) {
            throw new InvalidIdNumberException(Reason.BAD_BIRTH_DATE);
        }
        return new IdNumber(normalised, birthDate);
    }

    /** Brings either form to 18 upper-case characters and verifies the check character. */
    private static String normalise(String s) throws InvalidIdNumberException {
        if (s.length() == 15) {
            if (!allDigits(s, 15)) {
                throw new InvalidIdNumberException(Reason.BAD_FORMAT);
            }
            // Legacy numbers were issued to people born in the 1900s; the 18-character form spells out "19".
            String body = s.substring(0, 6) + "19" + s.substring(6);
            return body + checkCharacter(body);
        }
        if (s.length() == 18) {
            char check = Character.toUpperCase(s.charAt(17));
            if (!allDigits(s, 17) || !(isAsciiDigit(check) || check == 'X')) {
                throw new InvalidIdNumberException(Reason.BAD_FORMAT);
            }
            String body = s.substring(0, 17);
            if (checkCharacter(body) != check) {
                throw new InvalidIdNumberException(Reason.BAD_CHECK_DIGIT);
            }
            return body + check;
        }
        throw new InvalidIdNumberException(Reason.BAD_FORMAT);
    }

    private static LocalDate birthDate(String yyyyMMdd) throws InvalidIdNumberException {
        try {
            // The digits are checked already; LocalDate.of refuses 19850231 as the STRICT 'uuuuMMdd' parser did,
            // at a fraction of its cost (one ID number per record).
            return LocalDate.of(Integer.parseInt(yyyyMMdd, 0, 4, 10), Integer.parseInt(yyyyMMdd, 4, 6, 10),
                    Integer.parseInt(yyyyMMdd, 6, 8, 10));
        } catch (DateTimeException e) {
            // Deliberately not chained: the parser's message quotes the digits.
            throw new InvalidIdNumberException(Reason.BAD_BIRTH_DATE);
        }
    }

    /**
     * The ISO 7064 MOD 11-2 check character (0-9 or X) of the first 17 digits, as GB 11643-1999 specifies. Public
     * for simulators and test fixtures that have to make valid numbers.
     *
     * @throws IllegalArgumentException if the input is not exactly 17 ASCII digits (the message does not quote it)
     */
    public static char checkCharacter(String seventeenDigits) {
        if (seventeenDigits == null || seventeenDigits.length() != 17 || !allDigits(seventeenDigits, 17)) {
            throw new IllegalArgumentException("check character needs exactly seventeen ASCII digits");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (seventeenDigits.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    // Character.isDigit would accept full-width and other Unicode digits, which are not valid here.
    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean allDigits(String s, int count) {
        for (int i = 0; i < count; i++) {
            if (!isAsciiDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Masks any raw value the way a valid number is masked — first 3 characters, 11 asterisks, last 4 — so reject
     * records can show which input was refused without holding it. The asterisk count is fixed, hiding the length.
     *
     * @return the masked value, or {@code "***"} for {@code null} or fewer than 8 characters (after trimming),
     *     where showing 7 characters would show most of the value
     */
    public static String mask(String raw) {
        if (raw == null) {
            return "***";
        }
        String s = raw.strip();
        if (s.length() < MASK_HEAD + MASK_TAIL + 1) {
            return "***";
        }
        return s.substring(0, MASK_HEAD) + MASK_STARS + s.substring(s.length() - MASK_TAIL);
    }

    /** The normalised 18-character number, upper-case X. Secret: for computing keys, never for output. */
    public String value() {
        return value;
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    public YearMonth birthMonth() {
        return YearMonth.from(birthDate);
    }

    public Sex sex() {
        return sex;
    }

    /** The 6-digit administrative area code of the place where the number was first issued. */
    public String areaCode() {
        return value.substring(0, 6);
    }

    /** {@code 410***********1234}: safe for logs and screens. */
    public String masked() {
        return mask(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdNumber other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The masked form, so that an IdNumber concatenated into a log line does not leak. */
    @Override
    public String toString() {
        return masked();
    }
}
