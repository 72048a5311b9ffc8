package cn.henan.skillshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** 六(六) 职业培训补贴由培训机构所在省辖市级人力资源社会保障部门会同同级财政部门落实. */
class InstitutionCityPaysTests {

    @Test
    void theInstitutionsCityPays_noCityNobodyPays() {
        assertThat(InstitutionCityPays.payingCity("410100")).hasValue("410100");
        assertThat(InstitutionCityPays.payingCity(" ")).isEmpty();
        assertThat(InstitutionCityPays.payingCity(null)).isEmpty();
    }
}
