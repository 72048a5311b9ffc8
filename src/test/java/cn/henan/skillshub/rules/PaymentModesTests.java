package cn.henan.skillshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.events.PaymentMode;
import cn.henan.skillshub.events.SubsidyDecided.PayeeType;
import org.junit.jupiter.api.Test;

/** 六(六) 先垫后补 or 先缴后补、直补个人. */
class PaymentModesTests {

    @Test
    void theInstitutionThatAdvancedIsReimbursed_theTraineeWhoPaidIsPaid() {
        assertThat(PaymentModes.payeeType(PaymentMode.INSTITUTION_ADVANCE)).isEqualTo(PayeeType.INSTITUTION);
        assertThat(PaymentModes.payeeType(PaymentMode.TRAINEE_DIRECT)).isEqualTo(PayeeType.TRAINEE);
        assertThat(PaymentModes.payee(PaymentMode.INSTITUTION_ADVANCE, "郑州大学", "pk-1")).isEqualTo("郑州大学");
        assertThat(PaymentModes.payee(PaymentMode.TRAINEE_DIRECT, "郑州大学", "pk-1")).isEqualTo("pk-1");
    }
}
