package cn.henan.skillshub.simulator.http;

/** A fault a simulated HTTP source can answer with instead of (or on top of) a good page. */
public enum Fault {
    /** HTTP 500 with a JSON error. */
    HTTP_500,
    /** HTTP 429 with {@code Retry-After} (seconds). */
    HTTP_429,
    /** No answer for longer than any sensible read timeout. */
    TIMEOUT,
    /** A good page, late but within the read timeout. */
    SLOW,
    /** HTTP 200 with the page's JSON cut in the middle. */
    TRUNCATED_JSON,
    /** HTTP 401, as if the request's signature or token were wrong. */
    BAD_SIGNATURE
}
