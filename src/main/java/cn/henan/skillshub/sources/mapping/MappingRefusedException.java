package cn.henan.skillshub.sources.mapping;

/**
 * A record mapping that cannot be used: where it is ({@code routes/x.yaml}, or a route's id when no file is known),
 * the line, and why. The message reads {@code routes/x.yaml:23: field 'grade' is not a field of schema
 * evaluation-body}.
 */
public class MappingRefusedException extends RuntimeException {

    private final String origin;
    private final int line;
    private final String reason;

    public MappingRefusedException(String origin, int line, String reason) {
        super(origin + ":" + line + ": " + reason);
        this.origin = origin;
        this.line = line;
        this.reason = reason;
    }

    public String origin() {
        return origin;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
