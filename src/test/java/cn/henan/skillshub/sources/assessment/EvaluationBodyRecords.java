package cn.henan.skillshub.sources.assessment;

import cn.henan.skillshub.events.RecordRejected;
import cn.henan.skillshub.person.IdNumber;
import cn.henan.skillshub.runtime.RecordOutcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records of an evaluation body in the canonical spelling (what {@link EvaluationBodyRecordMapper} reads): good ones
 * of each type, and one for each way a record is rejected — and a hand-written translation of each into body B's
 * spelling (sfzh, zsbh, LEVEL_2, PASS, yyyyMMdd, epoch millis in Asia/Shanghai), the shape a mapping must undo.
 */
final class EvaluationBodyRecords {

    static final String ID = "41010219900307123" + IdNumber.checkCharacter("41010219900307123");
    static final String ID2 = "41030119851120456" + IdNumber.checkCharacter("41030119851120456");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private EvaluationBodyRecords() {
    }

    /** Canonical records: accepted ones of every type and flag, then one per reject. */
    static List<Map<String, Object>> canonical() {
        List<Map<String, Object>> records = new ArrayList<>();
        records.add(result("R1", ID, "中级", "2025-06-10", "82.5", "true", "58", "false"));
        records.add(result("R2", ID2, "高级", "2025-06-30", "90", "true", "75.5", "true"));
        Map<String, Object> cert = certificate("C-1", ID, "中级", "2025-07-01");
        cert.put("assessed_on", "2025-06-10");
        cert.put("theory_passed", "true");
        cert.put("ability_passed", "false"); // flagged CERTIFICATE_WITH_FAILED_PART
        records.add(cert);
        records.add(certificate("C-2", ID2, "初级", "2025-07-02"));
        Map<String, Object> revocation = revocation("C-1", ID, "中级", "2025-08-01");
        revocation.put("issued_on", "2025-07-01");
        revocation.put("reason", "考核作弊");
        records.add(revocation);
        // rejects
        records.add(result("R3", wrongCheckDigit(ID), "中级", "2025-06-10", "80", "true", "80", "true")); // bad check digit
        Map<String, Object> noCertificateNo = certificate("C-3", ID, "中级", "2025-07-01");
        noCertificateNo.remove("certificate_no");
        records.add(noCertificateNo); // MISSING_FIELD
        records.add(result("R4", ID, "中级", "2025-06-10", "180", "true", "80", "true")); // score out of 0..100
        Map<String, Object> before = certificate("C-4", ID, "中级", "2025-06-01");
        before.put("assessed_on", "2025-06-10"); // IMPOSSIBLE_DATE: issued before assessed
        records.add(before);
        records.add(certificate("C-5", ID, "高级", "2030-01-01")); // IMPOSSIBLE_DATE: in the future
        Map<String, Object> unknownOccupation = certificate("C-6", ID, "中级", "2025-07-01");
        unknownOccupation.put("occupation_code", "9-99-99-99");
        records.add(unknownOccupation);
        return records;
    }

    static String wrongCheckDigit(String id) {
        return id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0');
    }

    static Map<String, Object> result(String id, String idNumber, String level, String assessedOn, String theory,
                                      String theoryPassed, String ability, String abilityPassed) {
        Map<String, Object> f = base("RESULT", idNumber, level);
        f.put("record_id", id);
        f.put("assessed_on", assessedOn);
        f.put("theory_score", theory);
        f.put("theory_passed", theoryPassed);
        f.put("ability_score", ability);
        f.put("ability_passed", abilityPassed);
        return f;
    }

    static Map<String, Object> certificate(String no, String idNumber, String level, String issuedOn) {
        Map<String, Object> f = base("CERTIFICATE", idNumber, level);
        f.put("certificate_no", no);
        f.put("issued_on", issuedOn);
        return f;
    }

    static Map<String, Object> revocation(String no, String idNumber, String level, String revokedOn) {
        Map<String, Object> f = base("REVOCATION", idNumber, level);
        f.put("certificate_no", no);
        f.put("revoked_on", revokedOn);
        return f;
    }

    private static Map<String, Object> base(String type, String idNumber, String level) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("record_type", type);
        f.put("id_number", idNumber);
        f.put("full_name", "王䶮");
        f.put("occupation_code", "2-02-10-09");
        f.put("level", level);
        f.put("evaluation_body", "中国电子学会");
        f.put("updated_at", "2025-07-01T08:00:00Z");
        return f;
    }

    /** Body B's spelling of a canonical record, written by hand. */
    static Map<String, Object> bodyB(Map<String, Object> c) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("lx", switch (c.get("record_type").toString()) {
            case "RESULT" -> "成绩";
            case "CERTIFICATE" -> "发证";
            default -> "撤销";
        });
        put(b, "cjbh", c.get("record_id"));
        put(b, "sfzh", c.get("id_number"));
        put(b, "xm", c.get("full_name"));
        b.put("zymc", "2-02-10-09".equals(c.get("occupation_code")) ? "人工智能工程技术人员" : "不存在的职业");
        b.put("dj", switch (c.get("level").toString()) {
            case "初级" -> "LEVEL_1";
            case "中级" -> "LEVEL_2";
            default -> "LEVEL_3";
        });
        put(b, "ksrq", compact(c.get("assessed_on")));
        put(b, "llcj", c.get("theory_score") == null ? null : new BigDecimal(c.get("theory_score").toString()));
        put(b, "llhg", passFail(c.get("theory_passed")));
        put(b, "jncj", c.get("ability_score") == null ? null : new BigDecimal(c.get("ability_score").toString()));
        put(b, "jnhg", passFail(c.get("ability_passed")));
        put(b, "zsbh", c.get("certificate_no"));
        // Issued: epoch millis of 00:30 that day in Shanghai (16:30 UTC the day before), so the zone matters.
        put(b, "fzrq", c.get("issued_on") == null ? null : BigDecimal.valueOf(LocalDate.parse(
                c.get("issued_on").toString()).atTime(0, 30).atZone(SHANGHAI).toInstant().toEpochMilli()));
        put(b, "cxrq", c.get("revoked_on") == null ? null : slashed(c.get("revoked_on").toString()));
        put(b, "cxyy", c.get("reason"));
        b.put("gxsj", BigDecimal.valueOf(Instant.parse(c.get("updated_at").toString()).toEpochMilli()));
        return b;
    }

    static String compact(Object isoDate) {
        return isoDate == null ? null : isoDate.toString().replace("-", "");
    }

    static String slashed(String isoDate) {
        LocalDate d = LocalDate.parse(isoDate);
        return d.getYear() + "/" + d.getMonthValue() + "/" + d.getDayOfMonth();
    }

    private static String passFail(Object passed) {
        return passed == null ? null : Boolean.parseBoolean(passed.toString()) ? "PASS" : "FAIL";
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** What a record became, comparable across mappers: the event whole, or the reject's reason code. */
    static String summary(RecordOutcome outcome) {
        if (outcome instanceof RecordOutcome.Rejected rejected) {
            return "rejected " + ((RecordRejected) rejected.event().data()).reasonCode();
        }
        var e = outcome.event();
        return e.type() + " " + e.id() + " " + e.key() + " " + e.subject() + " " + e.time() + " "
                + new String(outcome.toRecord().value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
