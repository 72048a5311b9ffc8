package cn.henan.skillshub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** skills-hub: pulls the programme's source systems into canonical events on Kafka. */
@SpringBootApplication
public class SkillsHubApplication {

    public static void main(String[] args) {
        SpringApplication.run(SkillsHubApplication.class, args);
    }
}
