package cn.henan.skillshub.runtime;

/**
 * Another instance has taken this source's transactional id. This instance must stop pulling the source:
 * the other one owns it now, and pulling on would only fence it back.
 */
public class SourceFencedException extends RuntimeException {
    public SourceFencedException(String sourceId, Throwable cause) {
        super("source " + sourceId + " is fenced: another hub instance publishes it now", cause);
    }
}
