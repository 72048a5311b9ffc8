package cn.henan.skillshub.reference;

import java.util.Locale;

/**
 * Professional technical level (专业技术等级) of a digital-technology occupation. The national
 * standards for these occupations define three levels, and Annex 3 of the plan sets one subsidy per
 * level.
 */
public enum Level {
    JUNIOR("初级"),
    INTERMEDIATE("中级"),
    SENIOR("高级");

    private final String chineseName;

    Level(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }

    /**
     * Order of the levels, junior lowest. The plan forbids paying a lower level to someone already paid
     * at a higher one: "已享受高等级补贴的,不得再享受低等级补贴" (a person already paid at a higher level is
     * not paid at a lower one), so callers compare levels by rank, never by name.
     */
    public int rank() {
        return ordinal() + 1;
    }

    /**
     * Reads a level as sources write it: Chinese (初级, 中级, 高级) or English (JUNIOR, INTERMEDIATE,
     * SENIOR, any case). Surrounding blanks are ignored.
     *
     * @throws IllegalArgumentException on anything else, naming the value and the accepted forms
     */
    public static Level parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("level is missing; expected one of 初级/中级/高级 or JUNIOR/INTERMEDIATE/SENIOR");
        }
        String trimmed = text.strip();
        for (Level level : values()) {
            if (level.chineseName.equals(trimmed) || level.name().equals(trimmed.toUpperCase(Locale.ROOT))) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown level '" + text
                + "'; expected one of 初级/中级/高级 or JUNIOR/INTERMEDIATE/SENIOR");
    }
}
