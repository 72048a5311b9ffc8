package cn.henan.skillshub.sources.rest;

/**
 * A page that could not be fetched. {@code retryable} says whether asking again may help (a 5xx, a 429, a timeout,
 * a truncated body) or not (a refused signature, a bad request). The message names the source and the status,
 * never a record's content.
 */
class RestPageException extends RuntimeException {

    private final boolean retryable;
    private final long retryAfterMillis;

    RestPageException(String message, boolean retryable, long retryAfterMillis, Throwable cause) {
        super(message, cause, false, false);
        this.retryable = retryable;
        this.retryAfterMillis = retryAfterMillis;
    }

    static RestPageException retryable(String message, Throwable cause) {
        return new RestPageException(message, true, -1, cause);
    }

    static RestPageException tooManyRequests(String message, long retryAfterMillis) {
        return new RestPageException(message, true, retryAfterMillis, null);
    }

    static RestPageException refused(String message) {
        return new RestPageException(message, false, -1, null);
    }

    boolean retryable() {
        return retryable;
    }

    /** The wait the server asked for with {@code Retry-After}, or -1. */
    long retryAfterMillis() {
        return retryAfterMillis;
    }
}
