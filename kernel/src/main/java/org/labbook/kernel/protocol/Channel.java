package org.labbook.kernel.protocol;

/** The kernel's message channels (the heartbeat echoes bytes and carries no messages). */
public enum Channel {
    SHELL, CONTROL, STDIN, IOPUB;

    /** The name clients use, e.g. "shell". */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
