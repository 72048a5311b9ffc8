package cn.henan.skillshub.settlement;

import cn.henan.skillshub.events.SubsidyDecided.Decision;
import cn.henan.skillshub.events.SubsidyDecided.PayeeType;
import cn.henan.skillshub.events.SubsidyDecided.Reason;
import cn.henan.skillshub.reference.SubsidyStandard;
import java.util.List;

/**
 * What {@link SubsidyRules} decided for a claim, before it is written to the ledger.
 *
 * @param standard the standard applied; absent when the claim was rejected before one was needed, or is held
 */
record Verdict(Decision decision, List<Reason> reasons, SubsidyStandard standard, Integer amountYuan,
               PayeeType payeeType, String payee, String cityCode) {

    Verdict {
        reasons = List.copyOf(reasons);
    }
}
