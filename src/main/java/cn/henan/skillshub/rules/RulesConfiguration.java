package cn.henan.skillshub.rules;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rules' settings: the plausible dates of {@link PlausibleDates}. */
@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

    @Bean
    PlausibleDates plausibleDates(@Value("${skillshub.rules.future-tolerance:P1D}") String futureTolerance,
                                  @Value("${skillshub.rules.earliest-date:2021-01-01}") String earliestDate) {
        return new PlausibleDates(Clock.system(PlausibleDates.CHINA), Period.parse(futureTolerance),
                LocalDate.parse(earliestDate));
    }
}
