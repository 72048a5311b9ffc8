package cn.henan.skillshub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTests {

    private static final String OPS_KEY = "an-ops-key";

    @Test
    void aKeyIsKnownByItsHashAndNamesItsClientAndRoles() {
        ApiKeys keys = ApiKeys.parse("console:OPS:" + ApiKeys.sha256(OPS_KEY)
                + ", platform:PLATFORM+AUDITOR:" + ApiKeys.sha256("a-platform-key"));
        assertThat(keys.authenticate(OPS_KEY)).contains(new ApiClient("console", Set.of(Role.OPS)));
        assertThat(keys.authenticate("a-platform-key").orElseThrow().roles())
                .containsExactlyInAnyOrder(Role.PLATFORM, Role.AUDITOR);
        assertThat(keys.authenticate("an-ops-keY")).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();
        assertThat(keys.authenticate("x".repeat(300))).isEmpty();
    }

    @Test
    void aMalformedEntryStopsStartUpNamingTheEntryButNotItsHash() {
        String hash = ApiKeys.sha256(OPS_KEY);
        assertThatThrownBy(() -> ApiKeys.parse("console:ADMIN:" + hash))
                .hasMessageContaining("console").hasMessageContaining("ADMIN").hasMessageNotContaining(hash);
        assertThatThrownBy(() -> ApiKeys.parse("console:OPS:not-a-hash")).hasMessageContaining("SHA-256");
        assertThatThrownBy(() -> ApiKeys.parse("console:OPS")).hasMessageContaining("name:ROLE");
        assertThatThrownBy(() -> ApiKeys.parse("a:OPS:" + hash + ",b:AUDITOR:" + hash)).hasMessageContaining("repeats");
    }

    @Test
    void anIssuedKeyIsRandomUrlSafeAndItsEntryAuthenticatesIt() {
        String key = IssueApiKey.newKey();
        assertThat(key).matches("skh_[A-Za-z0-9_-]{43}").isNotEqualTo(IssueApiKey.newKey());
        ApiKeys keys = ApiKeys.parse("provincial-platform:PLATFORM:" + ApiKeys.sha256(key));
        assertThat(keys.authenticate(key).orElseThrow().name()).isEqualTo("provincial-platform");
    }

    @Test
    void theKeyFileHoldsOneEntryPerLineWithComments_aKeyMayCarryItsCity() {
        String hash = ApiKeys.sha256(OPS_KEY);
        ApiKeys keys = ApiKeys.parse("# the operators\nconsole:OPS:" + hash + "\n\nplatform:PLATFORM:"
                + ApiKeys.sha256("a-platform-key") + "\n");
        assertThat(keys.clientNames()).containsExactlyInAnyOrder("console", "platform");
        assertThat(ApiKeys.parse("zz:AUDITOR:" + hash + ":410100").authenticate(OPS_KEY).orElseThrow().cityCode())
                .isEqualTo("410100");
        assertThatThrownBy(() -> ApiKeys.parse("zz:AUDITOR:" + hash + ":4101")).hasMessageContaining("six-digit");
    }
}
