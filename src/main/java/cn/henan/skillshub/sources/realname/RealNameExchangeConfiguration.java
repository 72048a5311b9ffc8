package cn.henan.skillshub.sources.realname;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The exchange database of the real-name system: another organisation's database, so its own pool, kept out of
 * autowiring by type ({@code defaultCandidate = false}) so that it is never mistaken for the hub's own database.
 */
@Configuration(proxyBeanMethods = false)
class RealNameExchangeConfiguration {

    @Bean(defaultCandidate = false)
    DataSource exchangeDataSource(@Value("${skillshub.sources.realname.jdbc.url}") String url,
                                  @Value("${skillshub.sources.realname.jdbc.username}") String username,
                                  @Value("${skillshub.sources.realname.jdbc.password:}") String password,
                                  @Value("${skillshub.sources.realname.schema}") String schema) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("realname-exchange");
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(username);
        dataSource.setPassword(password);
        dataSource.setSchema(schema);
        dataSource.setMaximumPoolSize(4);
        return dataSource;
    }
}
