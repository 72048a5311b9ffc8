package cn.henan.skillshub.support;

import org.springframework.http.HttpHeaders;

/**
 * The API keys of the test configuration ({@code application-test.properties} holds their SHA-256 hashes). A test
 * calling a protected endpoint sends one: {@code headers.setBearerAuth(TestApiKeys.OPS)}.
 */
public final class TestApiKeys {

    public static final String PLATFORM = "test-platform-key";
    public static final String OPS = "test-ops-key";
    public static final String AUDITOR = "test-auditor-key";
    public static final String OPS_AND_PLATFORM = "test-ops-and-platform-key";
    /** AUDITOR, limited to Zhengzhou (410100). */
    public static final String ZHENGZHOU = "test-zhengzhou-key";

    private TestApiKeys() {
    }

    public static HttpHeaders bearer(String key) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(key);
        return headers;
    }
}
