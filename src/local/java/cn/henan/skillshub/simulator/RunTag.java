package cn.henan.skillshub.simulator;

/**
 * A short tag, different for each start of a simulator, that goes into every record number it writes. The seeds
 * make runs reproducible; the tag keeps the record numbers of successive runs apart in the databases and the
 * ledger that outlive a run (a certificate number reused by the next run would be a different person's).
 */
public final class RunTag {

    private RunTag() {
    }

    /** Seconds since the epoch, modulo about three years, in base 36: six characters, A–Z and 0–9. */
    public static String now() {
        return Long.toString(System.currentTimeMillis() / 1000 % 100_000_000, 36).toUpperCase();
    }
}
