package cn.henan.skillshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** 五(二) 线上培训课时一般不超过培训总课时的50%, at its edges. */
class OnlineHoursAtMostHalfTests {

    @Test
    void onlineHoursAtMostHalfOfTheTotal() {
        // 人工智能 junior: Annex 3 requires 64 hours; 32 online is exactly half.
        assertThat(OnlineHoursAtMostHalf.onlineHoursOverHalf(new BigDecimal("32"), new BigDecimal("64"))).isFalse();
        assertThat(OnlineHoursAtMostHalf.onlineHoursOverHalf(new BigDecimal("32.5"), new BigDecimal("64"))).isTrue();
        assertThat(OnlineHoursAtMostHalf.onlineHoursOverHalf(BigDecimal.ZERO, BigDecimal.ZERO)).isFalse();
    }
}
