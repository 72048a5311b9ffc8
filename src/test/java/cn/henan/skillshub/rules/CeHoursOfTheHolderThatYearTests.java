package cn.henan.skillshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** 六(一) 对取得培训合格证书的,可登记为当年度…学时: the holder, that year, once. */
class CeHoursOfTheHolderThatYearTests {

    @Test
    void onlyTheHolderRegisters() {
        assertThat(CeHoursOfTheHolderThatYear.forAnotherPerson("pk-a", "pk-a")).isFalse();
        assertThat(CeHoursOfTheHolderThatYear.forAnotherPerson("pk-a", "pk-b")).isTrue();
    }

    @Test
    void forTheYearTheCertificateWasObtained() {
        assertThat(CeHoursOfTheHolderThatYear.forAnotherYear(2025, LocalDate.of(2025, 12, 31))).isFalse();
        assertThat(CeHoursOfTheHolderThatYear.forAnotherYear(2026, LocalDate.of(2025, 12, 31))).isTrue();
    }

    @Test
    void once() {
        assertThat(CeHoursOfTheHolderThatYear.registeredTwice(1)).isFalse();
        assertThat(CeHoursOfTheHolderThatYear.registeredTwice(2)).isTrue();
    }
}
