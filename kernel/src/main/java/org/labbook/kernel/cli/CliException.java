package org.labbook.kernel.cli;

/** A failure the user can fix, printed as one line: what was wrong, the rule, the fix. */
final class CliException extends RuntimeException {
    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** Bad input on the command line: exit code 2. */
    static CliException usage(String message) {
        return new CliException(2, message);
    }

    /** The command ran and failed: exit code 1. */
    static CliException failed(String message) {
        return new CliException(1, message);
    }

    int exitCode() {
        return exitCode;
    }
}
