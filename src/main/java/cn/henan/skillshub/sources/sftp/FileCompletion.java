package cn.henan.skillshub.sources.sftp;

import org.apache.camel.spi.PropertiesFunction;

/**
 * When a file in the inbox is complete, as the consumer options that wait for it: the placeholder function
 * {@code {{fileCompletion:done-marker}}} or {@code {{fileCompletion:stable-size}}} in the template's endpoint.
 * <ul>
 *   <li>{@code done-marker}: the body writes {@code name.csv}, then an empty {@code name.csv.done}; the file is
 *       taken only once its marker exists, and the marker is deleted with it. Exact, and the preferred way.</li>
 *   <li>{@code stable-size}: for bodies that cannot write a marker — the file is taken once its size and time
 *       have not changed between two listings {@code stableForMs} apart and it is at least that old.</li>
 * </ul>
 */
final class FileCompletion implements PropertiesFunction {

    static final String NAME = "fileCompletion";
    static final String DONE_MARKER = "done-marker";
    static final String STABLE_SIZE = "stable-size";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String apply(String completion) {
        return switch (completion.strip()) {
            case DONE_MARKER -> "readLock=none&doneFileName=${file:name}.done";
            case STABLE_SIZE -> "readLock=changed&readLockMinLength=1";
            default -> throw new IllegalArgumentException("completion must be " + DONE_MARKER + " or " + STABLE_SIZE
                    + ", not " + completion);
        };
    }
}
