package cn.henan.skillshub.sources.sftp;

/** A file that cannot be read at all: it goes to {@code failed/}, with one reject that says why. */
class UnreadableFileException extends Exception {

    UnreadableFileException(String message) {
        super(message, null, false, false);
    }
}
