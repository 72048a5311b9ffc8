package cn.henan.skillshub.person;

/** Builds valid-looking numbers for tests: the check character is computed here, independently of IdNumber. */
final class IdNumberFixtures {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    private IdNumberFixtures() {
    }

    /** An 18-character number with a correct check character, e.g. {@code id("410102", "19850312", "123")}. */
    static String id(String area, String yyyyMMdd, String sequence) {
        String body = area + yyyyMMdd + sequence;
        return body + check(body);
    }

    static char check(String seventeenDigits) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += Character.digit(seventeenDigits.charAt(i), 10) * WEIGHTS[i];
        }
        return "10X98765432".charAt(sum % 11);
    }

    /** A valid number whose check character is X, found by trying sequences. */
    static String idEndingInX(String area, String yyyyMMdd) {
        for (int seq = 100; seq < 1000; seq++) {
            String candidate = id(area, yyyyMMdd, Integer.toString(seq));
            if (candidate.endsWith("X")) {
                return candidate;
            }
        }
        throw new AssertionError("no sequence gives X");
    }
}
