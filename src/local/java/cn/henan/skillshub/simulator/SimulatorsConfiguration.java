package cn.henan.skillshub.simulator;

import cn.henan.skillshub.simulator.cehours.CeRegistrySimulatorConfiguration;
import cn.henan.skillshub.simulator.evaluation.EvaluationBodySimulatorConfiguration;
import cn.henan.skillshub.simulator.http.SimulatorSettings;
import cn.henan.skillshub.simulator.realname.RealNameSimulatorRunner;
import cn.henan.skillshub.simulator.sftp.SftpSimulatorConfiguration;
import cn.henan.skillshub.simulator.subscriber.SubscriberSimulatorConfiguration;
import cn.henan.skillshub.simulator.trainees.TraineeRoster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every source simulator, each behind its own switch {@code skillshub.simulator.<name>.enabled} (on unless
 * {@code false}): {@code realname}, {@code evaluation}, {@code cehours}, {@code sftp}, {@code trainees}, and the
 * push endpoint of a delivery subscriber, {@code subscriber}. The context
 * that imports this provides the reference data ({@code ReferenceData}) and the real-name system's exchange
 * database (the {@code DataSource} named {@code exchangeDataSource}): the hub's own beans in tests,
 * {@link SimulatorsApplication}'s in the simulators' own process.
 */
@Configuration(proxyBeanMethods = false)
@Import({SimulatorSettings.class, RealNameSimulatorRunner.class, EvaluationBodySimulatorConfiguration.class,
        CeRegistrySimulatorConfiguration.class, SftpSimulatorConfiguration.class, TraineeRoster.class,
        SubscriberSimulatorConfiguration.class})
public class SimulatorsConfiguration {

    /**
     * The simulators stand in for other organisations' systems, which check their own credentials: their endpoints
     * ask for no hub API key. First in line, so in the hub's tests the hub's own rules never see these paths.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain simulatorsSecurityFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/simulators/**")
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }
}
