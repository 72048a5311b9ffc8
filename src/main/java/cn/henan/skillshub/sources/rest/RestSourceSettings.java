package cn.henan.skillshub.sources.rest;

import java.time.Duration;

/** One REST source's parameters, as its YAML file gives them to the template. */
record RestSourceSettings(String sourceId, String baseUrl, int pageSize, String signer, String credential,
                          String secret, Duration connectTimeout, Duration readTimeout, int retries,
                          Duration backoff, Duration maxBackoff, Duration maxRetryAfter, String paging,
                          String recordsPointer) {

    /** Paging by the server's next-page token in the body ({@code nextPageToken}, sent back as {@code pageToken}). */
    static final String TOKEN = "token";
    /** Paging by {@code offset} and {@code limit}: the next page follows while a page comes back full. */
    static final String OFFSET = "offset";

    @Override
    public String toString() {
        // The secret and the credential stay out of every log line.
        return "RestSourceSettings[" + sourceId + " " + baseUrl + " pageSize=" + pageSize + " signer=" + signer + "]";
    }
}
