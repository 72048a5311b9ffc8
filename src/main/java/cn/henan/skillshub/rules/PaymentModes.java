package cn.henan.skillshub.rules;

import cn.henan.skillshub.events.PaymentMode;
import cn.henan.skillshub.events.SubsidyDecided.PayeeType;
import java.util.List;

/**
 * 六(六): "职业培训补贴可采取'先垫后补'或者'先缴后补、直补个人'的方式" — 先垫后补: the institution advanced the cost
 * and is reimbursed; 先缴后补、直补个人: the trainee paid first and is paid directly.
 */
public final class PaymentModes implements PlanRule {

    /** Who is paid under this payment mode. */
    public static PayeeType payeeType(PaymentMode mode) {
        return switch (mode) {
            case INSTITUTION_ADVANCE -> PayeeType.INSTITUTION;
            case TRAINEE_DIRECT -> PayeeType.TRAINEE;
        };
    }

    /** The payee: the institution's name, or the trainee's pseudonymous person key. */
    public static String payee(PaymentMode mode, String institutionName, String personKey) {
        return payeeType(mode) == PayeeType.INSTITUTION ? institutionName : personKey;
    }

    @Override
    public String id() {
        return "PAYMENT_MODES";
    }

    @Override
    public String clause() {
        return "六(六)";
    }

    @Override
    public String planWords() {
        return "职业培训补贴可采取\u201c先垫后补\u201d或者\u201c先缴后补、直补个人\u201d的方式";
    }

    @Override
    public String english() {
        return "Two payment modes: the institution advances and is reimbursed, or the trainee pays and is paid "
                + "directly.";
    }

    @Override
    public List<Enum<?>> produces() {
        return List.of(PayeeType.INSTITUTION, PayeeType.TRAINEE);
    }
}
