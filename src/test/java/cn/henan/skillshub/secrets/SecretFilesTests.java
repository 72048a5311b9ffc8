package cn.henan.skillshub.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class SecretFilesTests {

    static final String SECRET = "the-person-key-secret-of-the-test";

    @TempDir
    Path dir;

    @Test
    void aSettingsFileGivesItsValue_aTrailingLineBreakDropped_aheadOfTheVariableItself() throws Exception {
        Path file = Files.writeString(dir.resolve("person-key-secret"), SECRET + "\n");
        StandardEnvironment environment = environment(Map.of("SKILLSHUB_PERSON_KEY_SECRET_FILE", file.toString(),
                "SKILLSHUB_PERSON_KEY_SECRET", "an-older-value", "UNRELATED_FILE", dir.resolve("none").toString()));
        new SecretFiles().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("SKILLSHUB_PERSON_KEY_SECRET")).isEqualTo(SECRET);
        assertThat(environment.getProperty("UNRELATED")).isNull();
    }

    @Test
    void aMissingOrEmptyFileRefusesTheStartNamingTheSettingAndThePath() throws Exception {
        Path missing = dir.resolve("not-there");
        assertThatThrownBy(() -> new SecretFiles().postProcessEnvironment(
                environment(Map.of("HUB_JDBC_PASSWORD_FILE", missing.toString())), new SpringApplication()))
                .hasMessageContaining("HUB_JDBC_PASSWORD_FILE").hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> new SecretFiles().postProcessEnvironment(
                environment(Map.of("EVAL_BODY_A_TOKEN_FILE", empty.toString())), new SpringApplication()))
                .hasMessageContaining("EVAL_BODY_A_TOKEN_FILE").hasMessageContaining("is empty");
    }

    private static StandardEnvironment environment(Map<String, Object> values) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", values));
        return environment;
    }
}
