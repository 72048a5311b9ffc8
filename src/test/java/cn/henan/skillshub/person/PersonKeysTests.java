package cn.henan.skillshub.person;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static cn.henan.skillshub.person.IdNumberFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonKeysTests {

    private static final String SECRET = "test-secret-0123456789";
    private static final String OTHER_SECRET = "another-secret-9876543210";

    private final PersonKeys keys = new PersonKeys(SECRET);

    @Test
    void keyIsStableForTheSameNumberAndSecret() throws Exception {
        IdNumber id = IdNumber.parse(id("410102", "19850312", "123"));

        String key = keys.personKey(id);

        assertThat(key).matches("pk-[0-9a-f]{32}");
        assertThat(keys.personKey(IdNumber.parse(id.value()))).isEqualTo(key);
        assertThat(new PersonKeys(SECRET).personKey(id)).isEqualTo(key);
    }

    @Test
    void keyIsTheTruncatedHmacOfTheNormalisedNumber() throws Exception {
        IdNumber id = IdNumber.parse(id("410305", "19900101", "246"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal(id.value().getBytes(StandardCharsets.UTF_8));

        assertThat(keys.personKey(id)).isEqualTo("pk-" + HexFormat.of().formatHex(expected, 0, 16));
    }

    @Test
    void legacyAndEighteenCharacterFormsGiveTheSameKey() throws Exception {
        IdNumber legacy = IdNumber.parse("410305" + "850312" + "124");
        IdNumber full = IdNumber.parse(id("410305", "19850312", "124"));

        assertThat(keys.personKey(legacy)).isEqualTo(keys.personKey(full));
    }

    @Test
    void differentNumbersGiveDifferentKeys() throws Exception {
        String a = keys.personKey(IdNumber.parse(id("410102", "19850312", "123")));
        String b = keys.personKey(IdNumber.parse(id("410102", "19850312", "125")));
        String c = keys.personKey(IdNumber.parse(id("410305", "19850312", "123")));

        assertThat(a).isNotEqualTo(b).isNotEqualTo(c);
        assertThat(b).isNotEqualTo(c);
    }

    @Test
    void keyDependsOnTheSecret() throws Exception {
        IdNumber id = IdNumber.parse(id("410102", "19850312", "123"));

        assertThat(new PersonKeys(OTHER_SECRET).personKey(id)).isNotEqualTo(keys.personKey(id));
    }

    @Test
    void keyContainsNoPartOfTheNumber() throws Exception {
        IdNumber id = IdNumber.parse(id("410102", "19850312", "123"));

        assertThat(keys.personKey(id))
                .doesNotContain(id.value())
                .doesNotContain(id.value().substring(0, 14))
                .doesNotContain("19850312");
    }

    @Test
    void refusesToStartWithAShortSecret() {
        String shortSecret = "fifteen-chars!!";
        assertThat(shortSecret).hasSize(15);

        assertThatThrownBy(() -> new PersonKeys(shortSecret))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("skillshub.person.key-secret")
                .message().doesNotContain(shortSecret);
        assertThatThrownBy(() -> new PersonKeys(null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new PersonKeys("")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void acceptsASixteenCharacterSecret() {
        assertThat(new PersonKeys("sixteen-chars!!!")).isNotNull();
    }

    @Test
    void toStringDoesNotRevealTheSecret() {
        assertThat(keys.toString()).doesNotContain(SECRET).doesNotContain("0123456789");
    }

    @Test
    void identifyCarriesOnlyPseudonymousAndCoarseData() throws Exception {
        IdNumber id = IdNumber.parse(id("410305", "19920704", "452"));

        PersonIdentity identity = keys.identify(id);

        assertThat(identity.personKey()).isEqualTo(keys.personKey(id));
        assertThat(identity.maskedId()).isEqualTo(id.masked());
        assertThat(identity.birthMonth()).isEqualTo(YearMonth.of(1992, 7));
        assertThat(identity.sex()).isEqualTo(Sex.FEMALE);
        assertThat(identity.areaCode()).isEqualTo("410305");
        assertThat(identity.toString()).doesNotContain(id.value()).doesNotContain("19920704");
    }

    @Test
    void isSafeToUseFromManyThreads() throws Exception {
        List<IdNumber> ids = new ArrayList<>();
        for (int seq = 100; seq < 300; seq++) {
            ids.add(IdNumber.parse(id("410102", "19850312", Integer.toString(seq))));
        }
        List<String> expected = ids.stream().map(keys::personKey).toList();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                results.add(pool.submit(() -> ids.stream().map(keys::personKey).toList()));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
