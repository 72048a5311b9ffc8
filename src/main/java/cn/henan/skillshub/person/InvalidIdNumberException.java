package cn.henan.skillshub.person;

/**
 * A resident ID number that cannot be accepted.
 *
 * <p>The message names the reason only. It never carries the number or any part of it, and no cause is
 * attached, because a cause such as a {@link java.time.DateTimeException} would quote the text it failed on and
 * the whole chain ends up in logs and reject records. The messages contain no digits at all (a test holds them
 * to it), so no fragment of a number can slip in through an edit.
 */
public class InvalidIdNumberException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a number was refused; stable codes for reject records and metrics. */
    public enum Reason {
        MISSING("no ID number given"),
        BAD_FORMAT("not a resident ID number: wrong length or characters"),
        BAD_CHECK_DIGIT("check character does not match the rest of the number"),
        BAD_BIRTH_DATE("embedded birth date is not a real calendar date, lies in the future or is implausibly early"),
        BAD_AREA_CODE("does not start with a province code");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        /** A human-readable explanation that contains no part of any number. */
        public String description() {
            return description;
        }
    }

    private final Reason reason;

    public InvalidIdNumberException(Reason reason) {
        super("Invalid resident ID number (" + reason.name() + "): " + reason.description());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
