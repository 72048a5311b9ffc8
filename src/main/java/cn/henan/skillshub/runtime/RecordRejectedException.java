package cn.henan.skillshub.runtime;

import cn.henan.skillshub.events.RejectReason;

/** A record that cannot be mapped. The message is for an operator: it names fields, never personal values. */
public class RecordRejectedException extends Exception {

    private final RejectReason reason;

    public RecordRejectedException(RejectReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
