package cn.henan.skillshub.rules;

import cn.henan.skillshub.events.SubsidyDecided;
import java.util.List;
import java.util.Optional;

/**
 * 六(六): "职业培训补贴由培训机构所在省辖市级人力资源社会保障部门会同同级财政部门落实" — the HRSS bureau of the city
 * where the training institution sits pays, with that city's finance bureau. A claim whose institution has no known
 * city has nobody to pay it and is rejected.
 */
public final class InstitutionCityPays implements PlanRule {

    /** The paying city: the institution's city code, if known. */
    public static Optional<String> payingCity(String institutionCityCode) {
        return Optional.ofNullable(institutionCityCode).filter(c -> !c.isBlank());
    }

    @Override
    public String id() {
        return "INSTITUTION_CITY_PAYS";
    }

    @Override
    public String clause() {
        return "六(六)";
    }

    @Override
    public String planWords() {
        return "职业培训补贴由培训机构所在省辖市级人力资源社会保障部门会同同级财政部门落实";
    }

    @Override
    public String english() {
        return "The HRSS bureau of the city where the institution sits pays the subsidy, with that city's finance "
                + "bureau.";
    }

    @Override
    public List<Enum<?>> produces() {
        return List.of(SubsidyDecided.Reason.PAYING_CITY_UNKNOWN);
    }
}
