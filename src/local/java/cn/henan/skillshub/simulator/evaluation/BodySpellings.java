package cn.henan.skillshub.simulator.evaluation;

import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.reference.ReferenceData;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two more evaluation bodies that write the same records their own way, each translation written by hand (the
 * hub reads them through a YAML record mapping alone; the tests compare both):
 * <ul>
 *   <li>{@link #ict} — 中国通信企业协会 over REST: nested camelCase JSON ({@code person.idCardNo}, {@code certNo}),
 *       {@code LEVEL_1..3}, {@code PASS/FAIL}, exam dates {@code yyyyMMdd}, issue dates in epoch milliseconds,
 *       revocation dates {@code yyyy/M/d}, the occupation by name, the version {@code updateTime} in epoch ms;</li>
 *   <li>{@link #ceec} — 工业和信息化部电子第五研究所 by SFTP: Chinese column names in another order, GB18030,
 *       三级/二级/一级, 合格/不合格, certificate statuses 有效/已撤销, 2022-edition occupation codes, dates
 *       {@code yyyy/M/d} and {@code yyyy年MM月dd日}, the version as a local time in Asia/Shanghai.</li>
 * </ul>
 */
public final class BodySpellings {

    public static final String ICT_NAME = "中国通信企业协会";
    public static final String CEEC_NAME = "工业和信息化部电子第五研究所";
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Body C's columns, in its order. */
    public static final List<String> CEEC_COLUMNS = List.of("序号", "类别", "证书编号", "成绩单号", "姓名", "公民身份号码",
            "职业编码", "等级", "考核日期", "理论成绩", "理论结果", "技能成绩", "技能结果", "发证日期", "撤销日期", "撤销原因",
            "更新时间");
    private static final DateTimeFormatter CEEC_UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter CEEC_ISSUED = DateTimeFormatter.ofPattern("yyyy年MM月dd日");

    private BodySpellings() {
    }

    /** Body ICT's JSON record of a canonical record. */
    public static Map<String, Object> ict(Map<String, Object> c, ReferenceData reference) {
        Map<String, Object> r = new LinkedHashMap<>();
        put(r, "recordNo", c.get("record_id"));
        r.put("type", switch (text(c, "record_type")) {
            case "RESULT" -> "RESULT";
            case "CERTIFICATE" -> "CERT";
            case "REVOCATION" -> "REVOKE";
            default -> "APPEAL";
        });
        Map<String, Object> person = new LinkedHashMap<>();
        put(person, "idCardNo", c.get("id_number"));
        put(person, "name", c.get("full_name"));
        r.put("person", person);
        r.put("occupationName", occupation(c, reference).map(Occupation::name).orElse("未列入目录的职业"));
        r.put("grade", switch (text(c, "level")) {
            case "初级", "JUNIOR" -> "LEVEL_1";
            case "中级", "INTERMEDIATE" -> "LEVEL_2";
            case "高级", "SENIOR" -> "LEVEL_3";
            default -> "LEVEL_9";
        });
        put(r, "examDate", c.get("assessed_on") == null ? null : text(c, "assessed_on").replace("-", ""));
        part(r, "theory", c.get("theory_score"), c.get("theory_passed"));
        part(r, "skill", c.get("ability_score"), c.get("ability_passed"));
        put(r, "certNo", c.get("certificate_no"));
        // Issued: the epoch milliseconds of 00:30 that day in Shanghai (16:30 UTC the day before): the zone matters.
        put(r, "issueDate", c.get("issued_on") == null ? null : LocalDate.parse(text(c, "issued_on")).atTime(0, 30)
                .atZone(SHANGHAI).toInstant().toEpochMilli());
        put(r, "revokeDate", c.get("revoked_on") == null ? null : slashed(text(c, "revoked_on")));
        put(r, "revokeReason", c.get("reason"));
        r.put("updateTime", Instant.parse(text(c, "updated_at")).toEpochMilli());
        return r;
    }

    /** Body C's CSV row (in {@link #CEEC_COLUMNS}' order) of a canonical record; {@code line} is its 序号. */
    public static List<String> ceec(Map<String, Object> c, ReferenceData reference, long line) {
        List<String> row = new ArrayList<>();
        row.add(Long.toString(line));
        row.add(switch (text(c, "record_type")) {
            case "RESULT" -> "成绩";
            case "CERTIFICATE" -> "有效";
            case "REVOCATION" -> "已撤销";
            default -> "申诉";
        });
        row.add(blank(c.get("certificate_no")));
        row.add(blank(c.get("record_id")));
        row.add(blank(c.get("full_name")));
        row.add(blank(c.get("id_number")));
        row.add(occupation(c, reference).map(Occupation::code2022).orElse(blank(c.get("occupation_code"))));
        row.add(switch (text(c, "level")) {
            case "初级", "JUNIOR" -> "三级";
            case "中级", "INTERMEDIATE" -> "二级";
            case "高级", "SENIOR" -> "一级";
            default -> "特级";
        });
        row.add(c.get("assessed_on") == null || text(c, "assessed_on").isBlank() ? ""
                : slashed(text(c, "assessed_on")));
        row.add(blank(c.get("theory_score")));
        row.add(passed(c.get("theory_passed")));
        row.add(blank(c.get("ability_score")));
        row.add(passed(c.get("ability_passed")));
        row.add(c.get("issued_on") == null || text(c, "issued_on").isBlank() ? ""
                : LocalDate.parse(text(c, "issued_on")).format(CEEC_ISSUED));
        row.add(c.get("revoked_on") == null || text(c, "revoked_on").isBlank() ? ""
                : slashed(text(c, "revoked_on")));
        row.add(blank(c.get("reason")));
        row.add(OffsetDateTime.parse(text(c, "updated_at")).atZoneSameInstant(SHANGHAI).format(CEEC_UPDATED));
        return row;
    }

    private static Optional<Occupation> occupation(Map<String, Object> c, ReferenceData reference) {
        return reference.occupation(text(c, "occupation_code"));
    }

    private static void part(Map<String, Object> r, String name, Object score, Object passed) {
        if (score == null && passed == null) {
            return;
        }
        Map<String, Object> part = new LinkedHashMap<>();
        put(part, "score", score == null || score.toString().isBlank() ? null : new BigDecimal(score.toString()));
        put(part, "result", passed == null || passed.toString().isBlank() ? null
                : Boolean.parseBoolean(passed.toString()) || "合格".equals(passed.toString()) ? "PASS" : "FAIL");
        r.put(name, part);
    }

    private static String passed(Object passed) {
        if (passed == null || passed.toString().isBlank()) {
            return "";
        }
        String text = passed.toString();
        return Boolean.parseBoolean(text) || "合格".equals(text) ? "合格" : "不合格";
    }

    private static String slashed(String isoDate) {
        LocalDate d = LocalDate.parse(isoDate);
        return d.getYear() + "/" + d.getMonthValue() + "/" + d.getDayOfMonth();
    }

    private static String text(Map<String, Object> c, String field) {
        Object value = c.get(field);
        return value == null ? "" : value.toString();
    }

    private static String blank(Object value) {
        return value == null ? "" : value.toString();
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            map.put(key, value);
        }
    }
}
